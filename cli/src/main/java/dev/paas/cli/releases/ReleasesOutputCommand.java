package dev.paas.cli.releases;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Heroku's {@code releases:output}: the release phase's output, read from the release's output stream. */
@Command(name = "releases:output", description = "Print a release's release-phase output (default: the newest "
        + "release), following it while the release command runs.")
public final class ReleasesOutputCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "VERSION")
    String version;

    ReleasesOutputCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        var release = version == null ? client.releases(name, 1).getFirst()
                : client.release(name, Format.version(version));
        if (release.outputStreamUrl() == null) {
            throw new UserError("v" + release.version() + " has no release phase output: its process types have no "
                    + "'release' command (add one to the Procfile, such as `release: ./migrate`).");
        }
        var out = session.out();
        client.streamText(release.outputStreamUrl(), line -> {
            out.println(line);
            out.flush();
            return true;
        });
        return 0;
    }
}
