package dev.paas.cli.domains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:remove", description = "Remove a custom domain from an app.")
public final class DomainsRemoveCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "HOSTNAME")
    String hostname;

    DomainsRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Removing " + hostname + " from " + Format.app(name));
        session.client().removeDomain(name, hostname);
        session.done("");
        return 0;
    }
}
