package dev.paas.cli.apps;

import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps", aliases = "apps:list", description = "List your apps.")
public final class AppsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    AppsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var apps = session.client().apps();
        if (json.json) {
            session.printJson(apps);
            return 0;
        }
        var out = session.out();
        out.println(Format.header("Apps"));
        apps.forEach(a -> out.println(a.name()));
        if (apps.isEmpty()) {
            out.println("You have no apps. Create one with `paas apps:create`.");
        }
        return 0;
    }
}
