package dev.paas.cli.config;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:get", description = "Print one config var's value (nothing when unset).")
public final class ConfigGetCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "KEY")
    String key;

    ConfigGetCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String value = session.client().configVars(app.resolve(session)).get(key);
        session.out().println(value == null ? "" : value);
        return 0;
    }
}
