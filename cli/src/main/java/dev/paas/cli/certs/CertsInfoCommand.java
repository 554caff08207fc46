package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "certs:info", description = "Show an SSL certificate: its domains, issuer and expiry.")
public final class CertsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Option(names = "--name", description = "the certificate, when the app has several")
    String name;
    @Mixin
    JsonOption json;

    CertsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var cert = Certificates.pick(session, app.resolve(session), name);
        if (json.json) {
            session.printJson(cert);
            return 0;
        }
        Certificates.details(session, cert, "Certificate details:");
        return 0;
    }
}
