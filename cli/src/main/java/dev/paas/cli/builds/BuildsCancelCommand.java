package dev.paas.cli.builds;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "builds:cancel", description = "Cancel a pending build (default: the app's build in progress). "
        + "The builder stops it and nothing is released.")
public final class BuildsCancelCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "BUILD_ID", arity = "0..1", description = "The build; default: the app's pending build.")
    String id;

    BuildsCancelCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        String build = id;
        if (build == null) {
            build = client.builds(name).stream().filter(b -> "pending".equals(b.status())).findFirst()
                    .map(b -> b.id().toString())
                    .orElseThrow(() -> new UserError("No build of " + name + " is in progress. See `paas builds`."));
        }
        session.err().print("Canceling build " + build + " of " + name + "... ");
        client.cancelBuild(name, build);
        session.err().println("done");
        return 0;
    }
}
