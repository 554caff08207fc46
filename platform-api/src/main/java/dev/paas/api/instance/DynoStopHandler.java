package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.log.PlatformLog;
import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Heroku's ps:stop: {@code POST /apps/{app}/dynos/{dyno}/actions/stop} and
 * {@code POST /apps/{app}/formations/{type}/actions/stop}. A one-off ({@code run.3}) ends for good.
 * A process of the formation is stopped and, as on Heroku, started again because the formation still
 * asks for it (scale to 0 to keep it down): here that is a restart of its slot.
 */
public final class DynoStopHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final InstanceRepository instances;
    private final OneOffRepository oneOffs;
    private final EventLog events;
    private final PlatformLog log;

    public DynoStopHandler(DSLContext dsl, AppRepository apps, InstanceRepository instances, OneOffRepository oneOffs,
                           EventLog events, PlatformLog log) {
        this.dsl = dsl;
        this.apps = apps;
        this.instances = instances;
        this.oneOffs = oneOffs;
        this.events = events;
        this.log = log;
    }

    public void stopDyno(Context ctx) {
        String dyno = ctx.pathParam("dyno");
        if (dyno.matches("run\\.\\d{1,9}")) {
            stopOneOff(ctx, Integer.parseInt(dyno.substring(4)));
        } else if (dyno.matches("[a-z][a-z0-9_-]*\\.\\d{1,3}")) {
            stopFormation(ctx, dyno.substring(0, dyno.indexOf('.')), Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1)));
        } else {
            throw ApiFailure.invalid("Name a process such as web.1 or run.2, got '" + dyno + "'.");
        }
    }

    public void stopType(Context ctx) {
        String type = ctx.pathParam("type");
        if (!type.matches("[a-z][a-z0-9_-]*")) {
            throw ApiFailure.invalid("Name a process type such as web, got '" + type + "'.");
        }
        stopFormation(ctx, type, null);
    }

    private void stopOneOff(Context ctx, int number) {
        User user = CurrentUser.of(ctx);
        AppRow app = apps.require(dsl, user, ctx.pathParam("app"));
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            apps.lock(tx, app.id());
            if (!oneOffs.stop(tx, app.id(), number)) {
                throw ApiFailure.notFound("No running run." + number + " on " + app.name() + ": see `heroku ps`.");
            }
            log.say(tx, app.id(), "Stopping run." + number + " by user " + user.email());
            events.append(tx, app.id(), "dyno.stopped", Map.of("dyno", "run." + number));
        });
        ctx.status(202).json(Map.of());
    }

    private void stopFormation(Context ctx, String type, Integer index) {
        User user = CurrentUser.of(ctx);
        AppRow app = apps.require(dsl, user, ctx.pathParam("app"));
        String what = index == null ? type : type + "." + index;
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            apps.lock(tx, app.id());
            if (instances.restart(tx, app.id(), type, index) == 0) {
                throw ApiFailure.notFound("No " + what + " to stop on " + app.name() + ": see `heroku ps`.");
            }
            log.say(tx, app.id(), "Stopping " + what + " by user " + user.email()
                    + " (the formation starts it again; scale to 0 to keep it stopped)");
            events.append(tx, app.id(), "dyno.stopped", Map.of("dyno", what));
        });
        ctx.status(202).json(Map.of());
    }
}
