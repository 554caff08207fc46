package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "certs:remove", description = "Remove an SSL certificate from an app.")
public final class CertsRemoveCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Option(names = "--name", description = "the certificate, when the app has several")
    String name;
    @Option(names = "--confirm", paramLabel = "APP", description = "the app's name, to confirm")
    String confirm;

    CertsRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String appName = app.resolve(session);
        var cert = Certificates.pick(session, appName, name);
        Certificates.confirm(session, appName, confirm, "WARNING: Destructive Action\n ▸    This command will remove "
                + "the endpoint " + cert.name() + " from " + Format.app(appName) + ".");
        session.action("Removing SSL certificate " + cert.name() + " from " + Format.app(appName));
        session.client().removeSniEndpoint(appName, cert.name());
        session.done("");
        return 0;
    }
}
