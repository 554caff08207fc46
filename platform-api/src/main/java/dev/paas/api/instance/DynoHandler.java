package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.log.PlatformLog;
import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code GET /apps/{app}/dynos}: the app's processes as the agents see them.
 * {@code DELETE /apps/{app}/dynos[/{dyno}]}: Heroku's restart, of all processes, of one process
 * type ({@code web}) or of one process ({@code web.2}); agents replace them one slot at a time.
 */
public final class DynoHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final InstanceRepository instances;
    private final EventLog events;
    private final PlatformLog log;
    private final Scheduler scheduler;

    public DynoHandler(DSLContext dsl, AppRepository apps, InstanceRepository instances, EventLog events,
                       PlatformLog log, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.dsl = dsl;
        this.apps = apps;
        this.instances = instances;
        this.events = events;
        this.log = log;
    }

    public void list(Context ctx) {
        var app = apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(instances.dynos(dsl, app.id(), scheduler.placementReasons(dsl, app.id())));
    }

    public void restartAll(Context ctx) {
        restart(ctx, null);
    }

    public void restartOne(Context ctx) {
        restart(ctx, ctx.pathParam("dyno"));
    }

    private void restart(Context ctx, String dyno) {
        var user = CurrentUser.of(ctx);
        var app = apps.require(dsl, user, ctx.pathParam("app"));
        String type = dyno;
        Integer index = null;
        if (dyno != null && dyno.matches("[a-z][a-z0-9_-]*\\.\\d{1,3}")) {
            type = dyno.substring(0, dyno.indexOf('.'));
            index = Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1));
        } else if (dyno != null && !dyno.matches("[a-z][a-z0-9_-]*")) {
            throw ApiFailure.invalid("Name a process type (web) or a process (web.1), got '" + dyno + "'.");
        }
        String what = dyno == null ? "all processes" : dyno;
        String t = type;
        Integer i = index;
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            apps.lock(tx, app.id());
            if (instances.restart(tx, app.id(), t, i) == 0) {
                throw ApiFailure.notFound("No " + what + " to restart on " + app.name() + ": see `paas ps`.");
            }
            events.append(tx, app.id(), "dynos.restarted", Map.of("dyno", what));
            log.say(tx, app.id(), "Restart " + (dyno == null ? "" : dyno + " ") + "by user " + user.email());
        });
        ctx.status(202).json(Map.of());
    }
}
