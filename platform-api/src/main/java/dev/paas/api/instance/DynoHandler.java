package dev.paas.api.instance;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /apps/{app}/dynos}: the app's processes as the agents see them.
 * {@code DELETE /apps/{app}/dynos[/{dyno}]}: Heroku's restart, of all processes, of one process
 * type ({@code web}) or of one process ({@code web.2}); agents replace them one slot at a time.
 */
public final class DynoHandler {
    private final AppScope app;
    private final DynoService service;

    public DynoHandler(AppScope app, DynoService service) {
        this.app = app;
        this.service = service;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/dynos", app.bind(this::list)),
                delete("/apps/{app}/dynos", app.bind(this::restartAll)),
                delete("/apps/{app}/dynos/{dyno}", app.bind(this::restartOne)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app));
    }

    void restartAll(Context ctx, AppRow app) {
        service.restart(app, CurrentUser.of(ctx), null);
        ctx.status(202).json(Map.of());
    }

    void restartOne(Context ctx, AppRow app) {
        service.restart(app, CurrentUser.of(ctx), ctx.pathParam("dyno"));
        ctx.status(202).json(Map.of());
    }
}
