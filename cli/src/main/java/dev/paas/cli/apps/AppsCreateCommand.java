package dev.paas.cli.apps;

import dev.paas.cli.Format;
import dev.paas.cli.GitRemote;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "apps:create", aliases = "create",
        description = "Create an app (a random name when none is given); adds the `paas` git remote in a git repo.")
public final class AppsCreateCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(arity = "0..1", paramLabel = "NAME")
    String name;
    @Mixin
    JsonOption json;

    AppsCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var out = session.out();
        if (!json.json) {
            session.action("Creating " + (name == null ? "app" : Format.app(name)));
        }
        var app = session.client().createApp(name);
        boolean added = GitRemote.add(session.config().workDir(), app.gitUrl());
        if (json.json) {
            session.printJson(app);
            return 0;
        }
        session.done((name == null ? ", " + Format.app(app.name()) : ""));
        out.println(app.webUrl() + " | " + app.gitUrl());
        if (added) {
            out.println("Git remote paas added");
        } else if (GitRemote.url(session.config().workDir()).isPresent()) {
            out.println("Git remote paas exists already; left as it is");
        }
        return 0;
    }
}
