package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "certs:update", description = "Replace an SSL certificate's chain and key.")
public final class CertsUpdateCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(index = "0", paramLabel = "CRT", description = "the new certificate chain file (PEM)")
    String certFile;
    @Parameters(index = "1", paramLabel = "KEY", description = "the new private key file (PEM, unencrypted)")
    String keyFile;
    @Option(names = "--name", description = "the certificate, when the app has several")
    String name;
    @Option(names = "--confirm", paramLabel = "APP", description = "the app's name, to confirm")
    String confirm;

    CertsUpdateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String appName = app.resolve(session);
        String chain = Certificates.read(session, certFile, "certificate");
        String key = Certificates.read(session, keyFile, "key");
        var cert = Certificates.pick(session, appName, name);
        Certificates.confirm(session, appName, confirm, "Potentially Destructive Action\n ▸    This command will "
                + "change the certificate of endpoint " + cert.name() + " from " + Format.app(appName) + ".");
        session.action("Updating SSL certificate " + cert.name() + " for " + Format.app(appName));
        var updated = session.client().updateSniEndpoint(appName, cert.name(), chain, key);
        session.done("");
        Certificates.details(session, updated, "Updated certificate details:");
        return 0;
    }
}
