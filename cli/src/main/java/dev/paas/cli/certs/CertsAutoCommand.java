package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "certs:auto", description = "Show Automatic Certificate Management's status for each custom domain.")
public final class CertsAutoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;

    CertsAutoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var out = session.out();
        if (!session.client().httpsOptions(name).acm()) {
            out.println(Format.header("Automatic Certificate Management is disabled on " + Format.app(name)));
            return 0;
        }
        out.println(Format.header("Automatic Certificate Management is enabled on " + Format.app(name)));
        var domains = session.client().acmDomains(name).stream().filter(d -> "custom".equals(d.kind())).toList();
        if (domains.isEmpty()) {
            out.println("Add a custom domain to your app by running: paas domains:add <yourdomain.com>");
            return 0;
        }
        String row = "%-40s %-8s %s";
        out.println(String.format(row, "Domain", "Status", "Reason"));
        for (var d : domains) {
            out.println(String.format(row, d.hostname(), d.acmStatus() == null ? "Waiting" : d.acmStatus(),
                    d.acmStatusReason() == null ? "" : d.acmStatusReason()).stripTrailing());
        }
        if (domains.stream().anyMatch(d -> "failed".equals(d.acmStatus()))) {
            out.println();
            out.println("Some domains failed validation after multiple attempts, retry by running: paas "
                    + "certs:auto:refresh");
        }
        return 0;
    }
}
