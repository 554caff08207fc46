package dev.paas.cli.ps;

import dev.paas.client.ProcessTypes;
import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps", description = "Show an app's dynos: each process type's formation and its processes' states.")
public final class PsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    PsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        var formation = client.formation(name);
        var dynos = client.dynos(name);
        if (json.json) {
            session.printJson(dynos);
            return 0;
        }
        var out = session.out();
        if (formation.isEmpty()) {
            out.println("No dynos on " + Format.app(name) + ": deploy a build first (git push paas main).");
        }
        for (var f : formation) {
            out.println(Format.header(f.type() + " (" + f.size() + "): " + f.command() + " (" + f.quantity() + ")"));
            var ofType = dynos.stream().filter(d -> d.type().equals(f.type())).toList();
            ofType.forEach(d -> out.println(line(d)));
            Rollout.notes(ofType, name).forEach(out::println);
            out.println();
        }
        var oneOffs = dynos.stream().filter(d -> ProcessTypes.isOneOff(d.type())).toList();
        if (!oneOffs.isEmpty()) {
            out.println(Format.header("run: one-off processes (" + oneOffs.size() + ")"));
            oneOffs.forEach(d -> out.println(line(d) + ": " + d.command()));
            out.println();
        }
        return 0;
    }

    /**
     * {@code web.1: crashed (out of memory (…); exit 137) 2024/05/01 12:00:00 (v3)}: why, when the platform knows;
     * {@code web.1: up 2024/05/01 12:00:00 (v3)  mem 45 MB  cpu 1.2%}: what it uses, when the agent measured it.
     */
    static String line(dev.paas.client.Wire.Dyno d) {
        var why = new java.util.ArrayList<String>();
        if (d.reason() != null) {
            why.add(d.reason());
        }
        if (d.exitCode() != null) {
            why.add("exit " + d.exitCode());
        }
        return d.name() + ": " + d.state() + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")") + " "
                + Format.time(d.updatedAt()) + " (v" + d.release() + ")" + resources(d);
    }

    /** {@code   mem 45 MB  cpu 1.2%}: the engine's last figures, for a process the agent has measured. */
    static String resources(dev.paas.client.Wire.Dyno d) {
        var out = new StringBuilder();
        if (d.memoryBytes() != null) {
            double mb = d.memoryBytes() / (1024.0 * 1024.0);
            out.append("  mem ").append(String.format(java.util.Locale.ROOT, mb < 10 ? "%.1f MB" : "%.0f MB", mb));
        }
        if (d.cpuPercent() != null) {
            out.append("  cpu ").append(String.format(java.util.Locale.ROOT, "%.1f%%", d.cpuPercent()));
        }
        return out.toString();
    }
}
