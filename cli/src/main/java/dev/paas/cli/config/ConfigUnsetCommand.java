package dev.paas.cli.config;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:unset", aliases = "config:remove", description = "Unset config vars; makes a release.")
public final class ConfigUnsetCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "1..*", paramLabel = "KEY")
    List<String> keys;

    ConfigUnsetCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var changes = new LinkedHashMap<String, String>();
        keys.forEach(k -> changes.put(k, null));
        var out = session.out();
        session.action("Unsetting " + String.join(", ", keys) + " and restarting " + Format.app(name));
        var client = session.client();
        int before = client.releases(name, 1).getFirst().version();
        client.updateConfigVars(name, changes);
        session.done(ConfigCommand.outcome(before, client.releases(name, 1).getFirst().version()));
        return 0;
    }
}
