package dev.paas.cli.releases;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.ReleaseStatus;
import dev.paas.client.Wire;
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
        // The current release is the newest succeeded one; among the listed, or else the newest listed.
        int current = releases.stream().filter(Wire.Release::current).mapToInt(Wire.Release::version).findFirst()
                .orElse(releases.isEmpty() ? 0 : releases.getFirst().version());
        out.println(Format.header(name + " Releases - Current: v" + current));
        var changes = releases.stream().map(ReleasesCommand::change).toList();
        int width = changes.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < releases.size(); i++) {
            var r = releases.get(i);
            out.println(String.format("v%-4d %-" + Math.max(width, 1) + "s  %s  %s", r.version(), changes.get(i),
                    r.user().email(), Format.time(r.createdAt())));
        }
        return 0;
    }

    /** The description, with the status as the heroku CLI marks it: a pending or failed release says so. */
    static String change(Wire.Release r) {
        String description = r.description().replace("\n", " ");
        boolean phase = r.outputStreamUrl() != null;
        return switch (ReleaseStatus.of(r.status())) {
            case PENDING -> description + " release command executing";
            case FAILED -> description + (phase ? " release command failed" : " release failed");
            case SUCCEEDED -> description;
        };
    }
}
