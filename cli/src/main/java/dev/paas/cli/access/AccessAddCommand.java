package dev.paas.cli.access;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "access:add", description = "Give a user access to an app.")
public final class AccessAddCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "EMAIL")
    String email;

    AccessAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Adding " + email + " access to the app " + Format.app(name));
        session.client().addCollaborator(name, email);
        session.done("");
        return 0;
    }
}
