package dev.paas.cli.labs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "labs", description = "List the experimental features an app can turn on, [+] for those it has on.")
public final class LabsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    LabsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var features = session.client().features(name);
        if (json.json) {
            session.printJson(features);
            return 0;
        }
        var out = session.out();
        out.println(Format.header("App Features (" + Format.app(name) + ")"));
        int width = features.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        features.forEach(f -> out.println(String.format("[%s] %-" + width + "s  %s", f.enabled() ? "+" : " ",
                f.name(), f.description())));
        return 0;
    }
}
