package dev.paas.api.cert;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/https}: redirect HTTP to HTTPS and HSTS, each on or off. */
public final class HttpsOptionsHandler {
    private final AppScope app;
    private final HttpsOptionsService service;
    private final Bodies bodies;

    public HttpsOptionsHandler(AppScope app, HttpsOptionsService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/https", app.bind(this::show)),
                patch("/apps/{app}/https", app.bind(this::update)));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(service.show(app));
    }

    void update(Context ctx, AppRow app) {
        ctx.json(service.update(app, bodies.read(ctx, Wire.HttpsOptionsUpdate.class)));
    }
}
