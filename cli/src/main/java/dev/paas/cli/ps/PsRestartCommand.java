package dev.paas.cli.ps;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:restart", aliases = "restart",
        description = "Restart an app's processes: all, one process type (web) or one process (web.1).")
public final class PsRestartCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "DYNO", description = "A process type or a process; all when omitted.")
    String dyno;

    PsRestartCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Restarting " + (dyno == null ? "" : dyno + " ") + "dynos on " + Format.app(name));
        session.client().restart(name, dyno);
        session.done("");
        return 0;
    }
}
