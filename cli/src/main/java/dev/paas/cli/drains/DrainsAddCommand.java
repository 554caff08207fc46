package dev.paas.cli.drains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "drains:add", description = "Add a log drain (syslog://, syslog+tls://, http:// or https:// URL) to an app.")
public final class DrainsAddCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "URL")
    String url;

    DrainsAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var drain = session.client().addDrain(app.resolve(session), url);
        session.out().println("Successfully added drain " + drain.url());
        return 0;
    }
}
