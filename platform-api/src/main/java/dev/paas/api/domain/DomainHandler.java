package dev.paas.api.domain;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.db.Seek;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/domains}: the hostnames the router sends to the app. */
public final class DomainHandler {
    private final AppScope app;
    private final DomainService service;
    private final Bodies bodies;
    private final String platformDomain;

    public DomainHandler(AppScope app, DomainService service, Bodies bodies, String platformDomain) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
        this.platformDomain = platformDomain;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/domains", app.bind(this::list)),
                post("/apps/{app}/domains", app.bind(this::create)),
                get("/apps/{app}/domains/{domain}", app.bind(this::show)),
                Route.delete("/apps/{app}/domains/{domain}", app.bind(this::delete)));
    }

    void list(Context ctx, AppRow app) {
        var seek = RangeHeader.parse(ctx, "hostname");
        var page = service.list(app, seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(d -> wire(app, d)).toList(),
                page.lastKey()));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(wire(app, service.show(app, ctx.pathParam("domain"))));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.DomainCreate.class);
        ctx.status(201).json(wire(app, service.create(app, body.hostname())));
    }

    void delete(Context ctx, AppRow app) {
        ctx.json(wire(app, service.delete(app, ctx.pathParam("domain"))));
    }

    /** A custom domain's CNAME target is the app's default hostname, which the router answers. */
    private HerokuDomain wire(AppRow app, DomainRow d) {
        return new HerokuDomain(d.id(), new Wire.AppRef(app.id(), app.name()), d.hostname(), d.kind(),
                "custom".equals(d.kind()) ? app.name() + "." + platformDomain : null, "succeeded", d.acmStatus(),
                d.acmStatusReason(), d.createdAt().toInstant(), d.updatedAt().toInstant());
    }

    /** {@link Wire.Domain} and Heroku's ACM fields, which only this API sends. */
    record HerokuDomain(java.util.UUID id, Wire.AppRef app, String hostname, String kind, String cname, String status,
                        String acmStatus, String acmStatusReason, java.time.Instant createdAt,
                        java.time.Instant updatedAt) {
    }
}
