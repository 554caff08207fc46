package dev.paas.api.drain;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /apps/{app}/log-drains}, as Heroku's: a drain is named in the path by id, token or URL (the heroku
 * CLI's {@code drains:remove} sends the URL, percent-encoded).
 */
public final class DrainHandler {
    private final AppScope app;
    private final DrainService service;
    private final Bodies bodies;

    public DrainHandler(AppScope app, DrainService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/log-drains", app.bind(this::list)),
                post("/apps/{app}/log-drains", app.bind(this::create)),
                get("/apps/{app}/log-drains/{drain}", app.bind(this::show)),
                Route.delete("/apps/{app}/log-drains/{drain}", app.bind(this::delete)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app).stream().map(d -> wire(app, d)).toList());
    }

    void show(Context ctx, AppRow app) {
        ctx.json(wire(app, service.show(app, ctx.pathParam("drain"))));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.LogDrainCreate.class);
        ctx.status(201).json(wire(app, service.create(app, body.url())));
    }

    void delete(Context ctx, AppRow app) {
        ctx.json(wire(app, service.delete(app, ctx.pathParam("drain"))));
    }

    private static Wire.LogDrain wire(AppRow app, DrainRow d) {
        return new Wire.LogDrain(d.id(), d.url(), d.token(), null, new Wire.AppRef(app.id(), app.name()),
                d.createdAt().toInstant(), d.updatedAt().toInstant());
    }
}
