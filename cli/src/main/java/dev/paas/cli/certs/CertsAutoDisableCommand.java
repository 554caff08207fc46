package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto:disable", description = "Turn Automatic Certificate Management off; its certificates are removed.")
public final class CertsAutoDisableCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;

    CertsAutoDisableCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Disabling Automatic Certificate Management on " + Format.app(name));
        session.client().setAcm(name, false);
        session.done("");
        return 0;
    }
}
