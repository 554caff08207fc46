package dev.paas.cli.builds;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "builds:output", description = "Print a build's output.")
public final class BuildsOutputCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "BUILD_ID")
    String id;

    BuildsOutputCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.out().print(session.client().buildOutput(app.resolve(session), id));
        session.out().flush();
        return 0;
    }
}
