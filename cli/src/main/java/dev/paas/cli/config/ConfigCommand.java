package dev.paas.cli.config;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", description = "Show an app's config vars.")
public final class ConfigCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;
    @Option(names = {"-s", "--shell"}, description = "output as KEY=value lines")
    boolean shell;

    ConfigCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var config = new TreeMap<>(session.client().configVars(name));
        if (json.json) {
            session.printJson(config);
        } else if (shell) {
            config.forEach((k, v) -> session.out().println(k + "=" + v));
        } else {
            session.out().println(Format.header(name + " Config Vars"));
            session.out().print(Format.aligned(config));
        }
        return 0;
    }

    /** How config:set and config:unset end their progress line: the API makes no release for a no-op change. */
    static String outcome(int versionBefore, int versionAfter) {
        return versionAfter == versionBefore ? ", no change (still v" + versionAfter + ", nothing restarted)"
                : ", v" + versionAfter;
    }
}
