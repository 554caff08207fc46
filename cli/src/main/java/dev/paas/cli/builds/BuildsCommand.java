package dev.paas.cli.builds;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "builds", description = "List an app's builds, newest first.")
public final class BuildsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    BuildsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var builds = session.client().builds(name);
        if (json.json) {
            session.printJson(builds);
            return 0;
        }
        var out = session.out();
        out.println(Format.header(name + " Builds"));
        builds.forEach(b -> out.println(String.format("%s  %-9s  %-8s  %s  %s", b.id(), b.status(),
                b.commit() == null ? "" : b.commit().substring(0, Math.min(8, b.commit().length())),
                b.user().email(), Format.time(b.createdAt()))));
        return 0;
    }
}
