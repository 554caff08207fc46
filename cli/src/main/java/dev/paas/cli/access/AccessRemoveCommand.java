package dev.paas.cli.access;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "access:remove", description = "Take a user's access to an app away.")
public final class AccessRemoveCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "EMAIL")
    String email;

    AccessRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Removing " + email + " access from the app " + Format.app(name));
        session.client().removeCollaborator(name, email);
        session.done("");
        return 0;
    }
}
