package dev.paas.api.app;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.db.Seek;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.net.URI;
import org.jooq.DSLContext;

/** {@code /apps}: list, create, info, destroy. */
public final class AppHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final AppService service;
    private final Bodies bodies;
    private final String platformDomain;
    private final URI routerUrl;
    private final URI gitUrl;

    public AppHandler(DSLContext dsl, AppRepository apps, AppService service, Bodies bodies, String platformDomain,
                      URI routerUrl, URI gitUrl) {
        this.dsl = dsl;
        this.apps = apps;
        this.service = service;
        this.bodies = bodies;
        this.platformDomain = platformDomain;
        this.routerUrl = routerUrl;
        this.gitUrl = gitUrl;
    }

    public void list(Context ctx) {
        var seek = RangeHeader.parse(ctx, "name");
        var page = apps.list(dsl, CurrentUser.of(ctx), seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(this::wire).toList(), page.lastKey()));
    }

    public void create(Context ctx) {
        var body = bodies.read(ctx, Wire.AppCreate.class);
        ctx.status(201).json(wire(service.create(CurrentUser.of(ctx), body.name())));
    }

    public void show(Context ctx) {
        ctx.json(wire(apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"))));
    }

    public void destroy(Context ctx) {
        ctx.json(wire(service.destroy(CurrentUser.of(ctx), ctx.pathParam("app"))));
    }

    private Wire.App wire(AppRow app) {
        String port = routerUrl.getPort() == -1 ? "" : ":" + routerUrl.getPort();
        return new Wire.App(app.id(), app.name(), new Wire.UserRef(app.ownerId(), app.ownerEmail()),
                routerUrl.getScheme() + "://" + app.name() + "." + platformDomain + port + "/",
                gitUrl + "/" + app.name() + ".git",
                app.createdAt().toInstant(), app.updatedAt().toInstant(),
                app.releasedAt() == null ? null : app.releasedAt().toInstant());
    }
}
