package dev.paas.cli.addons;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:detach", description = "Detach an add-on from an app: its NAME_URL is unset.")
public final class AddonsDetachCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "ATTACHMENT", description = "the attachment's name on the app, such as DATABASE")
    String attachment;

    AddonsDetachCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        var found = client.attachments(name).stream()
                .filter(a -> a.name().equalsIgnoreCase(attachment) || a.id().toString().equals(attachment))
                .findFirst().orElseThrow(() -> new UserError("No attachment " + attachment + " on " + name
                        + ". See `paas addons -a " + name + "`."));
        session.action("Detaching " + found.name() + " to " + found.addon().name() + " from " + Format.app(name));
        client.detach(found.id().toString());
        session.done("");
        session.out().println("Unsetting " + found.name() + "_URL config vars and restarting " + Format.app(name));
        return 0;
    }
}
