package dev.paas.api.build;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * {@code /apps/{app}/builds}: only the builder (an admin/service token) records builds and the images they made,
 * on behalf of the pusher it authenticated; users read their history and output, and may cancel a pending build.
 */
public final class BuildHandler {
    private static final Pattern PROCESS_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,30}");
    private static final int MAX_OUTPUT_CHARS = 512 * 1024;
    private final DSLContext dsl;
    private final AppRepository apps;
    private final BuildRepository builds;
    private final EventLog events;
    private final Bodies bodies;

    public BuildHandler(DSLContext dsl, AppRepository apps, BuildRepository builds, EventLog events, Bodies bodies) {
        this.dsl = dsl;
        this.apps = apps;
        this.builds = builds;
        this.events = events;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        AppRow app = app(ctx);
        var seek = RangeHeader.parse(ctx, "created_at");
        var page = builds.list(dsl, app.id(), seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(b -> wire(app, b)).toList(),
                page.lastKey()));
    }

    public void show(Context ctx) {
        AppRow app = app(ctx);
        ctx.json(wire(app, builds.require(dsl, app.id(), ctx.pathParam("build"))));
    }

    public void output(Context ctx) {
        AppRow app = app(ctx);
        BuildRow build = builds.require(dsl, app.id(), ctx.pathParam("build"));
        ctx.contentType("text/plain; charset=utf-8").result(builds.output(dsl, build.id()));
    }

    public void create(Context ctx) {
        requireBuilder(ctx);
        AppRow app = app(ctx);
        var body = bodies.read(ctx, Wire.BuildCreate.class);
        if (body.commit() != null && !body.commit().matches("[0-9a-f]{4,64}")) {
            throw ApiFailure.invalid("'commit' must be a hexadecimal git commit id, got " + body.commit() + ".");
        }
        var user = body.user() != null ? body.user() : CurrentUser.of(ctx).id();
        BuildRow created = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var id = builds.insert(tx, app.id(), user, body.commit(), body.buildpack());
            events.append(tx, app.id(), "build.created", Map.of("build_id", id));
            return builds.require(tx, app.id(), id.toString());
        });
        ctx.status(201).json(wire(app, created));
    }

    public void update(Context ctx) {
        requireBuilder(ctx);
        AppRow app = app(ctx);
        BuildRow build = builds.require(dsl, app.id(), ctx.pathParam("build"));
        var body = bodies.read(ctx, Wire.BuildUpdate.class);
        validate(body);
        String output = body.output() == null || body.output().length() <= MAX_OUTPUT_CHARS ? body.output()
                : body.output().substring(body.output().length() - MAX_OUTPUT_CHARS);
        BuildRow updated = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            if (!builds.finish(tx, build.id(), body.status(), body.image(), body.buildpack(), body.processTypes(),
                    output)) {
                throw ApiFailure.conflict("Build " + build.id() + " is " + build.status() + " already; a build is "
                        + "finished once.");
            }
            events.append(tx, app.id(), "build." + body.status(), Map.of("build_id", build.id()));
            return builds.require(tx, app.id(), build.id().toString());
        });
        ctx.json(wire(app, updated));
    }

    /**
     * Cancels a pending build: it is failed with the reason, so the builder (which watches its builds) stops it and
     * releases nothing. A build finished already is a 409.
     */
    public void cancel(Context ctx) {
        AppRow app = app(ctx);
        BuildRow build = builds.require(dsl, app.id(), ctx.pathParam("build"));
        var user = CurrentUser.of(ctx);
        String reason = "Build canceled by " + user.email() + ".";
        BuildRow canceled = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            if (!builds.cancel(tx, build.id(), reason)) {
                throw ApiFailure.conflict("Build " + build.id() + " is " + builds.require(tx, app.id(),
                        build.id().toString()).status() + " already; only a pending build can be canceled.");
            }
            events.append(tx, app.id(), "build.failed", Map.of("build_id", build.id(), "reason", reason));
            return builds.require(tx, app.id(), build.id().toString());
        });
        ctx.json(wire(app, canceled));
    }

    private static void requireBuilder(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Builds and their images are recorded by the platform's builder only: deploy "
                    + "with `git push paas main`, and release one of your app's succeeded builds with "
                    + "POST /apps/{app}/releases {\"build\": ID}.");
        }
    }

    private static void validate(Wire.BuildUpdate body) {
        if (!"succeeded".equals(body.status()) && !"failed".equals(body.status())) {
            throw ApiFailure.invalid("'status' must be \"succeeded\" or \"failed\".");
        }
        if ("succeeded".equals(body.status()) && (body.image() == null || body.image().isBlank())) {
            throw ApiFailure.invalid("A succeeded build needs the 'image' it produced.");
        }
        if (body.processTypes() != null) {
            body.processTypes().forEach((type, command) -> {
                if (!PROCESS_TYPE.matcher(type).matches() || command == null || command.isBlank()) {
                    throw ApiFailure.invalid("Process type '" + type + "' needs a name of letters, digits, '-' or '_' "
                            + "and a command.");
                }
            });
        }
    }

    private AppRow app(Context ctx) {
        return apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
    }

    private static Wire.Build wire(AppRow app, BuildRow b) {
        return new Wire.Build(b.id(), new Wire.AppRef(app.id(), app.name()), new Wire.UserRef(b.userId(), b.userEmail()),
                b.status(), b.commit(), b.buildpack(), b.image(), b.processTypes(), b.createdAt().toInstant(),
                b.updatedAt().toInstant());
    }
}
