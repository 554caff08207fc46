package dev.paas.api.feature;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/features}: Heroku's app features (labs), listed, shown and turned on or off. */
public final class FeatureHandler {
    private final AppScope app;
    private final FeatureService service;
    private final Bodies bodies;

    public FeatureHandler(AppScope app, FeatureService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/features", app.bind(this::list)),
                get("/apps/{app}/features/{feature}", app.bind(this::show)),
                patch("/apps/{app}/features/{feature}", app.bind(this::update)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(service.show(app, ctx.pathParam("feature")));
    }

    void update(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.AppFeatureUpdate.class);
        if (body.enabled() == null) {
            throw ApiFailure.invalid("Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        ctx.json(service.update(app, ctx.pathParam("feature"), body.enabled()));
    }
}
