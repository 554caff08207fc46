package dev.paas.cli.drains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "drains:remove", description = "Remove a log drain from an app, by its URL or token.")
public final class DrainsRemoveCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "URL|TOKEN")
    String drain;

    DrainsRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var removed = session.client().removeDrain(app.resolve(session), drain);
        session.out().println("Successfully removed drain " + removed.url());
        return 0;
    }
}
