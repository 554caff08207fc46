package dev.paas.cli.releases;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", aliases = "releases:rollback",
        description = "Roll back to a release (default: the one before the current one); appends a new release.")
public final class RollbackCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "VERSION")
    String version;

    RollbackCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        String target;
        if (version != null) {
            target = Format.version(version);
        } else {
            int current = client.releases(name, 1).getFirst().version();
            if (current <= 1) {
                throw new UserError(Format.app(name) + " has only release v1: there is nothing to roll back to.");
            }
            target = String.valueOf(current - 1);
        }
        var out = session.out();
        session.action("Rolling back " + Format.app(name) + " to v" + target);
        var created = client.rollback(name, target);
        session.done(", v" + created.version());
        return 0;
    }
}
