package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto:refresh", description = "Try the failed domains of Automatic Certificate Management again.")
public final class CertsAutoRefreshCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;

    CertsAutoRefreshCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Refreshing Automatic Certificate Management on " + Format.app(name));
        session.client().refreshAcm(name);
        session.done("");
        return 0;
    }
}
