package dev.paas.cli.addons;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "addons", description = "List the add-ons attached to an app.")
public final class AddonsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    AddonsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var addons = session.client().addons(name);
        if (json.json) {
            session.printJson(addons);
            return 0;
        }
        var out = session.out();
        if (addons.isEmpty()) {
            out.println("No add-ons for app " + name + ".");
            return 0;
        }
        out.println(String.format("%-36s %-32s %-14s %s", "Add-on", "Plan", "State", "As"));
        out.println(String.format("%-36s %-32s %-14s %s", "─".repeat(6), "─".repeat(4), "─".repeat(5), "─".repeat(2)));
        addons.forEach(a -> out.println(String.format("%-36s %-32s %-14s %s", a.name()
                        + (a.app().name().equals(name) ? "" : " (" + a.app().name() + ")"), a.plan().name(), a.state(),
                String.join(", ", a.configVars()))));
        out.println();
        out.println("The table above shows add-ons and the config vars they set on " + Format.app(name) + ".");
        return 0;
    }
}
