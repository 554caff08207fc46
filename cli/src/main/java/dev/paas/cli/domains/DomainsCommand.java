package dev.paas.cli.domains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "domains", description = "List an app's domains.")
public final class DomainsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    DomainsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var domains = session.client().domains(name);
        if (json.json) {
            session.printJson(domains);
            return 0;
        }
        var out = session.out();
        out.println(Format.header(name + " Domain Names"));
        domains.stream().filter(d -> "heroku".equals(d.kind())).forEach(d -> out.println(d.hostname()));
        var custom = domains.stream().filter(d -> "custom".equals(d.kind())).toList();
        if (!custom.isEmpty()) {
            out.println();
            out.println(Format.header(name + " Custom Domains"));
            out.println(String.format("%-40s %s", "Domain Name", "DNS Target"));
            custom.forEach(d -> out.println(String.format("%-40s %s", d.hostname(), d.cname())));
        }
        return 0;
    }
}
