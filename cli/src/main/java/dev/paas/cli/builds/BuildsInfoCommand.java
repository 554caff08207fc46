package dev.paas.cli.builds;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "builds:info", description = "Show one build.")
public final class BuildsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;
    @Parameters(paramLabel = "BUILD_ID")
    String id;

    BuildsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var build = session.client().build(app.resolve(session), id);
        if (json.json) {
            session.printJson(build);
            return 0;
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("Buildpack", String.valueOf(build.buildpack()));
        fields.put("By", build.user().email());
        fields.put("Commit", String.valueOf(build.commit()));
        fields.put("Image", String.valueOf(build.image()));
        fields.put("Process types", String.valueOf(build.processTypes()));
        fields.put("Status", build.status());
        fields.put("When", Format.time(build.createdAt()));
        session.out().println(Format.header("Build " + build.id()));
        session.out().print(Format.aligned(fields));
        return 0;
    }
}
