package dev.paas.cli.drains;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "drains", description = "List an app's log drains.")
public final class DrainsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    DrainsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var drains = session.client().drains(app.resolve(session));
        if (json.json) {
            session.printJson(drains);
            return 0;
        }
        if (!drains.isEmpty()) {
            session.out().println(Format.header("Drains"));
            drains.forEach(d -> session.out().println(d.url() + " (" + d.token() + ")"));
        }
        return 0;
    }
}
