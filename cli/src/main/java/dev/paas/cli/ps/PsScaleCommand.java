package dev.paas.cli.ps;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:scale", aliases = "scale", description = "Scale process types: TYPE=QUANTITY[:SIZE] ...")
public final class PsScaleCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "1..*", paramLabel = "TYPE=QUANTITY[:SIZE]")
    List<String> args;

    PsScaleCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var updates = ScaleArgs.parse(args);
        String name = app.resolve(session);
        session.action("Scaling dynos");
        var formation = session.client().scale(name, updates);
        var requested = updates.stream().map(u -> u.type()).toList();
        session.done(", now running " + formation.stream().filter(f -> requested.contains(f.type()))
                .map(f -> f.type() + " at " + f.quantity() + ":" + f.size()).collect(Collectors.joining(", ")));
        return 0;
    }
}
