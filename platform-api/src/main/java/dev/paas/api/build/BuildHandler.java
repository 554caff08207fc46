package dev.paas.api.build;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /apps/{app}/builds}: only the builder (an admin/service token) records builds and the images they made,
 * on behalf of the pusher it authenticated; users read their history and output, and may cancel a pending build.
 */
public final class BuildHandler {
    private final AppScope app;
    private final BuildService service;
    private final Bodies bodies;

    public BuildHandler(AppScope app, BuildService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    /** Recording builds is the builder's alone: refused before the app is looked up. */
    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/builds", app.bind(this::list)),
                post("/apps/{app}/builds", app.bind(BuildHandler::requireBuilder, this::create)),
                get("/apps/{app}/builds/{build}", app.bind(this::show)),
                patch("/apps/{app}/builds/{build}", app.bind(BuildHandler::requireBuilder, this::update)),
                delete("/apps/{app}/builds/{build}", app.bind(this::cancel)),
                get("/apps/{app}/builds/{build}/output", app.bind(this::output)));
    }

    void list(Context ctx, AppRow app) {
        var seek = RangeHeader.parse(ctx, "created_at");
        var page = service.list(app, seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(b -> wire(app, b)).toList(),
                page.lastKey()));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(wire(app, service.require(app, ctx.pathParam("build"))));
    }

    void output(Context ctx, AppRow app) {
        BuildRow build = service.require(app, ctx.pathParam("build"));
        ctx.contentType("text/plain; charset=utf-8").result(service.output(build));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.BuildCreate.class);
        var user = body.user() != null ? body.user() : CurrentUser.of(ctx).id();
        ctx.status(201).json(wire(app, service.create(app, user, body.commit(), body.buildpack())));
    }

    void update(Context ctx, AppRow app) {
        BuildRow build = service.require(app, ctx.pathParam("build"));
        var body = bodies.read(ctx, Wire.BuildUpdate.class);
        ctx.json(wire(app, service.finish(app, build, body)));
    }

    void cancel(Context ctx, AppRow app) {
        BuildRow build = service.require(app, ctx.pathParam("build"));
        ctx.json(wire(app, service.cancel(app, build, CurrentUser.of(ctx).email())));
    }

    private static void requireBuilder(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Builds and their images are recorded by the platform's builder only: deploy "
                    + "with `git push paas main`, and release one of your app's succeeded builds with "
                    + "POST /apps/{app}/releases {\"build\": ID}.");
        }
    }

    private static Wire.Build wire(AppRow app, BuildRow b) {
        return new Wire.Build(b.id(), new Wire.AppRef(app.id(), app.name()), new Wire.UserRef(b.userId(), b.userEmail()),
                b.status(), b.commit(), b.buildpack(), b.image(), b.processTypes(), b.createdAt().toInstant(),
                b.updatedAt().toInstant());
    }
}
