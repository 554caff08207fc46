package dev.paas.cli.addons;

import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:destroy", description = "Permanently destroy an add-on and its data.")
public final class AddonsDestroyCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "ADDON")
    String name;
    @Option(names = "--confirm", paramLabel = "APP", description = "the add-on's app, to confirm")
    String confirm;

    AddonsDestroyCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var client = session.client();
        var addon = client.addon(name);
        String app = addon.app().name();
        String typed = confirm != null ? confirm
                : session.readLine(" ▸    WARNING: Destructive Action\n ▸    This command will affect the app " + app
                        + " and delete the data of " + addon.name() + ".\n ▸    To proceed, type " + app
                        + " or re-run this command with --confirm " + app + "\n\n> ");
        if (typed == null || !typed.trim().equals(app)) {
            throw new UserError("Confirmation " + (typed == null ? "missing" : "'" + typed.trim() + "'")
                    + " did not match " + app + ". To proceed, type " + app + " or re-run this command with --confirm "
                    + app);
        }
        session.action("Destroying " + addon.name() + " on " + app);
        client.destroyAddon(addon.name(), typed.trim());
        session.done("");
        return 0;
    }
}
