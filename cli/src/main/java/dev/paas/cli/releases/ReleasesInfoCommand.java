package dev.paas.cli.releases;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "releases:info", description = "Show one release (default: the current one).")
public final class ReleasesInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;
    @Parameters(arity = "0..1", paramLabel = "VERSION")
    String version;

    ReleasesInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        // Without a version: the current release (the newest succeeded one), as the heroku CLI shows.
        var release = version == null ? client.releases(name, 20).stream().filter(r -> r.current()).findFirst()
                .orElseGet(() -> client.releases(name, 1).getFirst())
                : client.release(name, Format.version(version));
        if (json.json) {
            session.printJson(release);
            return 0;
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("By", release.user().email());
        fields.put("Change", ReleasesCommand.change(release));
        fields.put("Current", String.valueOf(release.current()));
        fields.put("Status", release.status());
        if (release.statusReason() != null) {
            fields.put("Reason", release.statusReason());
        }
        fields.put("Image", release.image() == null ? "(none)" : release.image());
        fields.put("When", Format.time(release.createdAt()));
        var out = session.out();
        out.println(Format.header("Release v" + release.version()));
        out.print(Format.aligned(fields));
        out.println();
        out.println(Format.header("v" + release.version() + " Config vars"));
        out.print(Format.aligned(new TreeMap<>(client.releaseConfigVars(name, String.valueOf(release.version())))));
        return 0;
    }
}
