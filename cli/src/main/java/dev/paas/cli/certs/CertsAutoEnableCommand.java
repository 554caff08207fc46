package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto:enable", description = "Turn Automatic Certificate Management on: the platform gets and renews a certificate for each custom domain.")
public final class CertsAutoEnableCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;

    CertsAutoEnableCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Enabling Automatic Certificate Management on " + Format.app(name));
        session.client().setAcm(name, true);
        session.done("");
        session.out().println("Your certificates will now be managed by the platform. Check the status with paas certs:auto.");
        return 0;
    }
}
