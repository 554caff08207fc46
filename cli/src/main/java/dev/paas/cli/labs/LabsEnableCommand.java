package dev.paas.cli.labs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "labs:enable", description = "Turn an experimental feature on for an app (see `paas labs`).")
public final class LabsEnableCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "FEATURE")
    String feature;

    LabsEnableCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Enabling " + feature + " for " + Format.app(name));
        session.client().setFeature(name, feature, true);
        session.done("");
        return 0;
    }
}
