package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs", description = "List an app's SSL certificates: the domains each covers and when it expires.")
public final class CertsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    CertsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var certs = session.client().sniEndpoints(name);
        if (json.json) {
            session.printJson(certs);
            return 0;
        }
        var out = session.out();
        if (certs.isEmpty()) {
            out.println(Format.app(name) + " has no SSL certificates.");
            out.println("Use paas certs:add CRT KEY to add one, or paas certs:auto:enable.");
            return 0;
        }
        String row = "%-28s %-32s %-27s %-7s %-4s %s";
        out.println(String.format(row, "Name", "Common Name(s)", "Expires", "Trusted", "Type", "Domains"));
        for (var c : certs) {
            var ssl = c.sslCert();
            out.println(String.format(row, c.name(), String.join(", ", ssl.certDomains()), Format.time(ssl.expiresAt()),
                    ssl.caSigned() ? "True" : "False", ssl.acm() ? "ACM" : "SNI", String.join(", ", c.domains())));
        }
        return 0;
    }
}
