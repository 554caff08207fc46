package dev.paas.api.instance;

import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Heroku's ps:stop: {@code POST /apps/{app}/dynos/{dyno}/actions/stop} and
 * {@code POST /apps/{app}/formations/{type}/actions/stop}. A one-off ({@code run.3}) ends for good.
 * A process of the formation is stopped and, as on Heroku, started again because the formation still
 * asks for it (scale to 0 to keep it down): here that is a restart of its slot.
 */
public final class DynoStopHandler {
    /** {@code run.N}, or a release phase's {@code release.N} (stopping it fails its release). */
    private static final String ONE_OFF = "(run|release)\\.\\d{1,9}";
    private static final String PROCESS = "[a-z][a-z0-9_-]*\\.\\d{1,3}";
    private static final String TYPE = "[a-z][a-z0-9_-]*";
    private final AppScope app;
    private final DynoService service;

    public DynoStopHandler(AppScope app, DynoService service) {
        this.app = app;
        this.service = service;
    }

    /** A malformed name is refused before the app is looked up, as it always was. */
    public List<Route> routes() {
        return List.of(
                post("/apps/{app}/dynos/{dyno}/actions/stop", app.bind(DynoStopHandler::checkDyno, this::stopDyno)),
                post("/apps/{app}/formations/{type}/actions/stop",
                        app.bind(DynoStopHandler::checkType, this::stopType)));
    }

    void stopDyno(Context ctx, AppRow app) {
        String dyno = ctx.pathParam("dyno");
        var user = CurrentUser.of(ctx);
        if (dyno.matches(ONE_OFF)) {
            service.stopOneOff(app, user, dyno, Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1)));
        } else {
            service.stopFormation(app, user, dyno.substring(0, dyno.indexOf('.')),
                    Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1)));
        }
        ctx.status(202).json(Map.of());
    }

    void stopType(Context ctx, AppRow app) {
        service.stopFormation(app, CurrentUser.of(ctx), ctx.pathParam("type"), null);
        ctx.status(202).json(Map.of());
    }

    private static void checkDyno(Context ctx) {
        String dyno = ctx.pathParam("dyno");
        if (!dyno.matches(ONE_OFF) && !dyno.matches(PROCESS)) {
            throw ApiFailure.invalid("Name a process such as web.1 or run.2, got '" + dyno + "'.");
        }
    }

    private static void checkType(Context ctx) {
        String type = ctx.pathParam("type");
        if (!type.matches(TYPE)) {
            throw ApiFailure.invalid("Name a process type such as web, got '" + type + "'.");
        }
    }
}
