package dev.paas.cli.access;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "access", description = "List who has access to an app.")
public final class AccessCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    AccessCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        var collaborators = client.collaborators(name);
        if (json.json) {
            session.printJson(collaborators);
            return 0;
        }
        var out = session.out();
        out.println(Format.header(name + " Access List"));
        out.println(String.format("%-40s %s", client.app(name).owner().email(), "owner"));
        collaborators.forEach(c -> out.println(String.format("%-40s %s", c.user().email(), "collaborator")));
        return 0;
    }
}
