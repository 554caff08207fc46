package dev.paas.cli.addons;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.Wire;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creating is asynchronous, as on Heroku: the add-on is provisioning, its URL comes in a later release. */
@Command(name = "addons:create", description = "Create an add-on: paas addons:create heroku-postgresql[:PLAN] -a APP.")
public final class AddonsCreateCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "SERVICE[:PLAN]", description = "heroku-postgresql (postgresql) or heroku-redis (redis)")
    String plan;
    @Option(names = "--as", paramLabel = "NAME", description = "the attachment's name; the config var is NAME_URL")
    String as;
    @Option(names = "--wait", description = "wait until it is provisioned")
    boolean wait;

    AddonsCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws InterruptedException {
        String name = app.resolve(session);
        var client = session.client();
        session.action("Creating " + plan + " on " + Format.app(name));
        Wire.Addon addon = client.createAddon(name, plan, as);
        session.done("");
        var out = session.out();
        String vars = String.join(", ", addon.configVars());
        if (!wait) {
            out.println(addon.name() + " is being created in the background. The app will restart with " + vars
                    + " when it is ready.");
            out.println("Use `paas addons:info " + addon.name() + "` to check creation progress.");
            return 0;
        }
        session.action("Waiting for " + addon.name());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ("provisioning".equals(addon.state()) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            try {
                addon = client.addon(addon.name());
            } catch (dev.paas.client.ApiException gone) {
                if (gone.status() != 404) {
                    throw gone;
                }
                throw new UserError(addon.name() + " could not be provisioned; the reason is in "
                        + "`paas logs -a " + name + "`.");
            }
        }
        if (!"provisioned".equals(addon.state())) {
            throw new UserError(addon.name() + " is still " + addon.state() + " after " + WAIT.toMinutes()
                    + " minutes. Check `paas addons:info " + addon.name() + "`.");
        }
        session.done("");
        out.println("Created " + addon.name() + " as " + vars);
        return 0;
    }
}
