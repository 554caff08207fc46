package dev.paas.api.formation;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/formation}: scale process types of the current release. */
public final class FormationHandler {
    private final AppScope app;
    private final FormationService service;
    private final Bodies bodies;

    public FormationHandler(AppScope app, FormationService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/formation", app.bind(this::list)),
                patch("/apps/{app}/formation", app.bind(this::updateBatch)),
                get("/apps/{app}/formation/{type}", app.bind(this::show)),
                patch("/apps/{app}/formation/{type}", app.bind(this::updateOne)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(service.show(app, ctx.pathParam("type")));
    }

    void updateBatch(Context ctx, AppRow app) {
        var batch = bodies.read(ctx, ScaleRequest.Batch.class);
        ctx.json(service.update(app, CurrentUser.of(ctx), batch.updates()));
    }

    void updateOne(Context ctx, AppRow app) {
        var body = bodies.read(ctx, ScaleRequest.class);
        String type = ctx.pathParam("type");
        if (body.type() != null && !body.type().equals(type)) {
            throw ApiFailure.invalid("The body's type '" + body.type() + "' differs from the path's '" + type + "'.");
        }
        var updated = service.update(app, CurrentUser.of(ctx), List.of(new ScaleRequest(type, body.quantity(),
                body.size())));
        ctx.json(updated.stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow());
    }
}
