package dev.paas.cli.config;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:set", aliases = "config:add", description = "Set config vars (KEY=VALUE ...); makes a release.")
public final class ConfigSetCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> pairs;

    ConfigSetCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Map<String, String> changes = parse(pairs);
        String name = app.resolve(session);
        var out = session.out();
        session.action("Setting " + String.join(", ", changes.keySet()) + " and restarting " + Format.app(name));
        var client = session.client();
        int before = client.releases(name, 1).getFirst().version();
        client.updateConfigVars(name, changes);
        session.done(ConfigCommand.outcome(before, client.releases(name, 1).getFirst().version()));
        out.print(Format.aligned(changes));
        return 0;
    }

    /** {@code KEY=VALUE}: the value is everything after the first '=', and may be empty. */
    static Map<String, String> parse(List<String> pairs) {
        var changes = new LinkedHashMap<String, String>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UserError("'" + pair + "' is not KEY=VALUE. Example: paas config:set GREETING=hello");
            }
            changes.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return changes;
    }
}
