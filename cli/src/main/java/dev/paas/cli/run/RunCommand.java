package dev.paas.cli.run;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paas run -a app -- CMD}: a one-off process from the current release. Attached, it prints
 * the process's output as it comes (from the app's log, dyno {@code run.N}) and exits with the
 * process's exit status; detached, it only starts it.
 */
@Command(name = "run", description = "Run a one-off process from the current release: paas run -a APP -- COMMAND.")
public final class RunCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Option(names = {"--detach"}, description = "Run in the background; the output goes to the logs.")
    boolean detach;
    @Option(names = {"-s", "--size"}, description = "Dyno size, such as standard-2X.")
    String size;
    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;

    RunCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        String line = ShellWords.join(command);
        var client = session.client();
        session.action("Running `" + line + "` on " + Format.app(name));
        Wire.Dyno dyno = client.createDyno(name, new Wire.DynoCreate(line, !detach, size));
        if (detach) {
            session.done(", " + dyno.name() + " (" + dyno.size() + ")");
            session.out().println("Run `paas logs -a " + name + " --dyno " + dyno.name() + "` to view the output.");
            return 0;
        }
        session.done(", " + dyno.name() + " (" + dyno.size() + ")");
        return attach(session, name, dyno);
    }

    /** Prints a started one-off's output as it comes; its exit status once it ended. */
    public static int attach(Session session, String name, Wire.Dyno dyno) {
        var client = session.client();
        var out = session.out();
        var ended = new OneOffOutput(dyno.name());
        client.tailLogs(name, 1500, dyno.name(), null, raw -> {
            ended.accept(raw).ifPresent(text -> {
                out.println(text);
                out.flush();
            });
            return ended.exitStatus().isEmpty();
        });
        return ended.exitStatus().orElseThrow(() -> new UserError("Lost the log stream of " + dyno.name()
                + " before it ended; it may still run. See `paas logs -a " + name + " --dyno " + dyno.name() + "`."));
    }
}
