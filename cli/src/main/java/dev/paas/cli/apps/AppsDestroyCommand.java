package dev.paas.cli.apps;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apps:destroy", aliases = "destroy", description = "Permanently destroy an app.")
public final class AppsDestroyCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "APP")
    String positional;
    @Option(names = "--confirm", paramLabel = "APP", description = "the app's name, to confirm")
    String confirm;

    AppsDestroyCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = positional != null ? positional : app.resolve(session);
        String typed = confirm != null ? confirm
                : session.readLine(" ▸    WARNING: This will delete " + Format.app(name) + ".\n ▸    To proceed, type "
                        + name + " or re-run this command with --confirm " + name + "\n\n> ");
        if (typed == null || !typed.trim().equals(name)) {
            throw new UserError("Confirmation " + (typed == null ? "missing" : "'" + typed.trim() + "'")
                    + " did not match " + name + ". To proceed, type " + name
                    + " or re-run this command with --confirm " + name);
        }
        session.action("Destroying " + Format.app(name) + " (including all add-ons)");
        session.client().destroyApp(name);
        session.done("");
        return 0;
    }
}
