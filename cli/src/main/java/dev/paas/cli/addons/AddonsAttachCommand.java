package dev.paas.cli.addons;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:attach", description = "Attach an existing add-on to another app: it gets the add-on's URL.")
public final class AddonsAttachCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "ADDON")
    String addon;
    @Option(names = "--as", paramLabel = "NAME", description = "the attachment's name; the config var is NAME_URL")
    String as;

    AddonsAttachCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        session.action("Attaching " + addon + " to " + Format.app(name));
        var attachment = session.client().attach(addon, name, as);
        session.done("");
        session.out().println("Setting " + attachment.name() + "_URL config vars and restarting " + Format.app(name));
        return 0;
    }
}
