package dev.paas.api.app;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;
import static dev.paas.api.http.Route.post;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;

/**
 * {@code /apps}: list, create, info, rename, destroy; {@code /users/~/apps}, which the heroku CLI's
 * {@code apps} lists; {@code /apps/{app}/pipeline-couplings}, which has no meaning here (no pipelines).
 */
public final class AppHandler {
    // One region, and apps built from a Dockerfile or buildpacks into a container image.
    private static final Wire.NamedRef LOCAL_REGION = new Wire.NamedRef("local");
    private static final Wire.NamedRef STACK = new Wire.NamedRef("container");
    private final AppScope app;
    private final AppService service;
    private final Bodies bodies;
    private final String platformDomain;
    private final URI routerUrl;
    private final URI gitUrl;

    public AppHandler(AppScope app, AppService service, Bodies bodies, String platformDomain, URI routerUrl,
                      URI gitUrl) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
        this.platformDomain = platformDomain;
        this.routerUrl = routerUrl;
        this.gitUrl = gitUrl;
    }

    /** Rename and destroy look the app up in {@link AppService}, after checking the new name. */
    public List<Route> routes() {
        return List.of(
                get("/apps", this::list),
                post("/apps", this::create),
                get("/apps/{app}", app.bind(this::show)),
                delete("/apps/{app}", this::destroy),
                get("/users/{user}/apps", this::listOfUser),
                patch("/apps/{app}", this::update),
                get("/apps/{app}/pipeline-couplings", app.bind(this::pipelineCoupling)));
    }

    void list(Context ctx) {
        var seek = RangeHeader.parse(ctx, "name");
        var page = service.list(CurrentUser.of(ctx), seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(this::wire).toList(), page.lastKey()));
    }

    /** Heroku's per-user list: {@code ~}, or the caller's own id or email; anyone else's is not found. */
    void listOfUser(Context ctx) {
        var user = CurrentUser.of(ctx);
        String who = ctx.pathParam("user");
        if (!who.equals("~") && !who.equalsIgnoreCase(user.email()) && !who.equals(user.id().toString())) {
            throw ApiFailure.notFound("Couldn't find that user: " + who + ". Use ~ for yourself.");
        }
        var seek = RangeHeader.parse(ctx, "name");
        var page = service.listOwnOrShared(user, seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(this::wire).toList(), page.lastKey()));
    }

    void create(Context ctx) {
        var body = bodies.read(ctx, Wire.AppCreate.class);
        ctx.status(201).json(wire(service.create(CurrentUser.of(ctx), body.name())));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(wire(app));
    }

    void update(Context ctx) {
        var body = bodies.read(ctx, Wire.AppUpdate.class);
        if (body.name() == null) {
            throw ApiFailure.invalid("Send {\"name\": \"NEW-NAME\"} to rename the app; nothing else can be changed.");
        }
        ctx.json(wire(service.rename(CurrentUser.of(ctx), ctx.pathParam("app"), body.name())));
    }

    /** Heroku answers 404 for an app in no pipeline, and clients (apps:info) expect that, not a list. */
    void pipelineCoupling(Context ctx, AppRow app) {
        throw ApiFailure.notFound(app.name() + " is not in a pipeline: this platform has no pipelines.");
    }

    void destroy(Context ctx) {
        ctx.json(wire(service.destroy(CurrentUser.of(ctx), ctx.pathParam("app"))));
    }

    private Wire.App wire(AppRow app) {
        String port = routerUrl.getPort() == -1 ? "" : ":" + routerUrl.getPort();
        return new Wire.App(app.id(), app.name(), new Wire.UserRef(app.ownerId(), app.ownerEmail()),
                routerUrl.getScheme() + "://" + app.name() + "." + platformDomain + port + "/",
                gitUrl + "/" + app.name() + ".git",
                app.createdAt().toInstant(), app.updatedAt().toInstant(),
                app.releasedAt() == null ? null : app.releasedAt().toInstant(),
                LOCAL_REGION, STACK, STACK, "complete", null, null, app.acm());
    }
}
