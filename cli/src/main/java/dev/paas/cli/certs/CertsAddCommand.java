package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "certs:add", description = "Add an SSL certificate (PEM chain, the site's first, and its key).")
public final class CertsAddCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(index = "0", paramLabel = "CRT", description = "the certificate chain file (PEM)")
    String certFile;
    @Parameters(index = "1", paramLabel = "KEY", description = "the private key file (PEM, unencrypted)")
    String keyFile;

    CertsAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        String chain = Certificates.read(session, certFile, "certificate");
        String key = Certificates.read(session, keyFile, "key");
        session.action("Adding SSL certificate to " + Format.app(name));
        var cert = session.client().addSniEndpoint(name, chain, key);
        session.done("");
        Certificates.details(session, cert, "Certificate details:");
        return 0;
    }
}
