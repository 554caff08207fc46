package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.http.Bodies;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.client.DynoSize;
import dev.paas.client.ProcessState;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code POST /apps/{app}/dynos}: a one-off process (twelve-factor XII) from the current release,
 * with its config, on one agent, run once. Its output and its exit status ("Process exited with
 * status N") reach the app's log as dyno {@code run.N}; {@code paas run} follows that.
 */
public final class OneOffHandler {
    static final int MAX_COMMAND = 10_000;
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final OneOffRepository oneOffs;
    private final Scheduler scheduler;
    private final EventLog events;
    private final PlatformLog log;
    private final Bodies bodies;

    public OneOffHandler(DSLContext dsl, AppRepository apps, ReleaseRepository releases, OneOffRepository oneOffs,
                         Scheduler scheduler, EventLog events, PlatformLog log, Bodies bodies) {
        this.dsl = dsl;
        this.apps = apps;
        this.releases = releases;
        this.oneOffs = oneOffs;
        this.scheduler = scheduler;
        this.events = events;
        this.log = log;
        this.bodies = bodies;
    }

    public void create(Context ctx) {
        var user = CurrentUser.of(ctx);
        AppRow app = apps.require(dsl, user, ctx.pathParam("app"));
        var body = bodies.read(ctx, Wire.DynoCreate.class);
        if (body.command() == null || body.command().isBlank() || body.command().length() > MAX_COMMAND) {
            throw ApiFailure.invalid("Give the 'command' to run, 1 to " + MAX_COMMAND + " characters, such as "
                    + "\"bash\" or \"python manage.py migrate\".");
        }
        DynoSize size = body.size() == null ? DynoSize.DEFAULT : DynoSize.of(body.size()).orElseThrow(() ->
                ApiFailure.invalid("Size '" + body.size() + "' is unknown. Sizes: " + String.join(", ",
                        DynoSize.names()) + "."));
        boolean attach = body.attach() == null || body.attach();
        Wire.Dyno dyno = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            apps.lock(tx, app.id());
            var release = releases.latest(tx, app.id()).filter(r -> r.image() != null).orElseThrow(() ->
                    ApiFailure.invalid("App " + app.name() + " has no release with a build to run the command in: "
                            + "deploy first (git push paas main)."));
            var agent = scheduler.placeOneOff(tx, app.id(), size.memoryMb()).orElseThrow(() ->
                    ApiFailure.unavailable("No runtime agent has room for a " + size.wireName() + " process now: "
                            + "start an agent or scale something down, then retry."));
            int number = oneOffs.create(tx, app.id(), release.version(), body.command(), size.wireName(), attach,
                    agent, user.id());
            String name = "run." + number;
            events.append(tx, app.id(), "dyno.created", Map.of("name", name, "agent", agent.toString()));
            log.say(tx, app.id(), "Starting process with command `" + body.command() + "` by user " + user.email());
            return new Wire.Dyno(null, name, ProcessTypes.ONE_OFF, ProcessState.STARTING, release.version(), size.wireName(), body.command(),
                    null, null, null, Instant.now());
        });
        ctx.status(201).json(dyno);
    }
}
