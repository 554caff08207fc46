package dev.paas.cli.labs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "labs:disable", description = "Turn an experimental feature off for an app.")
public final class LabsDisableCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "FEATURE")
    String feature;

    LabsDisableCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Disabling " + feature + " for " + Format.app(name));
        session.client().setFeature(name, feature, false);
        session.done("");
        return 0;
    }
}
