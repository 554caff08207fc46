package dev.paas.api.collaborator;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/collaborators}: everyone with access may list; the owner adds and removes. */
public final class CollaboratorHandler {
    private final AppScope app;
    private final CollaboratorService service;
    private final Bodies bodies;

    public CollaboratorHandler(AppScope app, CollaboratorService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/collaborators", app.bind(this::list)),
                post("/apps/{app}/collaborators", app.bind(this::create)),
                Route.delete("/apps/{app}/collaborators/{collaborator}", app.bind(this::delete)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app).stream().map(c -> wire(app, c)).toList());
    }

    void create(Context ctx, AppRow app) {
        var user = CurrentUser.of(ctx);
        service.requireOwner(app, user); // before the body: a non-owner learns nothing from a bad one
        String email = bodies.read(ctx, Wire.CollaboratorCreate.class).user();
        ctx.status(201).json(wire(app, service.add(app, user, email)));
    }

    void delete(Context ctx, AppRow app) {
        ctx.json(wire(app, service.remove(app, CurrentUser.of(ctx), ctx.pathParam("collaborator"))));
    }

    private static Wire.Collaborator wire(AppRow app, CollaboratorRow c) {
        return new Wire.Collaborator(c.id(), new Wire.AppRef(app.id(), app.name()),
                new Wire.UserRef(c.userId(), c.email()), c.createdAt().toInstant(), c.updatedAt().toInstant());
    }
}
