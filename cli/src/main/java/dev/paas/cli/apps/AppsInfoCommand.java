package dev.paas.cli.apps;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps:info", aliases = "info", description = "Show an app's details.")
public final class AppsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    AppsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var client = session.client();
        var info = client.app(app.resolve(session));
        if (json.json) {
            session.printJson(info);
            return 0;
        }
        var domains = client.domains(info.name()).stream().map(d -> d.hostname()).collect(Collectors.joining(", "));
        var formation = client.formation(info.name()).stream().map(f -> f.type() + ": " + f.quantity())
                .collect(Collectors.joining(", "));
        var fields = new LinkedHashMap<String, String>();
        fields.put("Domains", domains);
        fields.put("Dynos", formation);
        fields.put("Git URL", info.gitUrl());
        fields.put("Owner", info.owner().email());
        fields.put("Released", Format.time(info.releasedAt()));
        fields.put("Web URL", info.webUrl());
        session.out().println(Format.header(info.name()));
        session.out().print(Format.aligned(fields));
        return 0;
    }
}
