package dev.paas.cli.releases;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "releases", description = "List an app's releases, newest first.")
public final class ReleasesCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;
    @Option(names = {"-n", "--num"}, defaultValue = "15", description = "how many releases to show (default 15)")
    int num;

    ReleasesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (num < 1 || num > 1000) {
            throw new UserError("--num must be between 1 and 1000.");
        }
        String name = app.resolve(session);
        var releases = session.client().releases(name, num);
        if (json.json) {
            session.printJson(releases);
            return 0;
        }
        var out = session.out();
        int current = releases.isEmpty() ? 0 : releases.getFirst().version();
        out.println(Format.header(name + " Releases - Current: v" + current));
        int width = releases.stream().mapToInt(r -> r.description().length()).max().orElse(0);
        for (var r : releases) {
            out.println(String.format("v%-4d %-" + Math.max(width, 1) + "s  %s  %s", r.version(),
                    r.description().replace("\n", " "), r.user().email(), Format.time(r.createdAt())));
        }
        return 0;
    }
}
