package dev.paas.cli.domains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:add", description = "Add a custom domain to an app.")
public final class DomainsAddCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "HOSTNAME")
    String hostname;

    DomainsAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Adding " + hostname + " to " + Format.app(name));
        var domain = session.client().addDomain(name, hostname);
        session.done("");
        session.out().println("Configure your DNS: CNAME " + domain.hostname() + " -> " + domain.cname());
        return 0;
    }
}
