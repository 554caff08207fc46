package dev.paas.api.release;

import static dev.paas.api.http.Route.get;
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

/** {@code /apps/{app}/releases}: the ledger, rollback, and deploying a build. */
public final class ReleaseHandler {
    private final AppScope app;
    private final ReleaseService service;
    private final Bodies bodies;
    private final OutputUrls outputUrls;

    /** The URL that streams a release phase's output ({@code release.3}) for the request's token. */
    public interface OutputUrls {
        String of(Context ctx, java.util.UUID appId, String dyno);
    }

    public ReleaseHandler(AppScope app, ReleaseService service, Bodies bodies, OutputUrls outputUrls) {
        this.app = app;
        this.outputUrls = outputUrls;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/releases", app.bind(this::list)),
                post("/apps/{app}/releases", app.bind(this::create)),
                get("/apps/{app}/releases/{release}", app.bind(this::show)),
                get("/apps/{app}/releases/{release}/config-vars", app.bind(this::configVars)),
                post("/apps/{app}/releases/{release}/actions/abandon", app.bind(ReleaseHandler::requireService,
                        this::abandon)));
    }

    void list(Context ctx, AppRow app) {
        var seek = RangeHeader.parse(ctx, "version");
        int current = service.currentVersion(app);
        var page = service.list(app, seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(
                page.items().stream().map(r -> wire(ctx, r, r.version() == current)).toList(), page.lastKey()));
    }

    void show(Context ctx, AppRow app) {
        ReleaseRow release = service.require(app, ctx.pathParam("release"));
        ctx.json(wire(ctx, release, service.isCurrent(app, release)));
    }

    void configVars(Context ctx, AppRow app) {
        ctx.json(service.require(app, ctx.pathParam("release")).config());
    }

    /** Heroku's POST: {@code {"release": ...}} rolls back; our {@code {"build": ...}} deploys a build. */
    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.ReleaseCreate.class);
        var user = CurrentUser.of(ctx);
        ReleaseRow created;
        if (body.release() != null && body.build() != null) {
            throw ApiFailure.invalid("Give either 'release' (to roll back) or 'build' (to deploy), not both.");
        } else if (body.release() != null) {
            created = service.rollback(app, user, body.release());
        } else if (body.build() != null) {
            created = service.deploy(app, user, body.build().toString(), body.description(), body.formation());
        } else {
            throw ApiFailure.invalid("Give 'release' (an id or version such as \"v3\") to roll back, "
                    + "or 'build' (a build id) to deploy.");
        }
        ctx.status(201).json(wire(ctx, created, service.isCurrent(app, created)));
    }

    /** Marks a succeeded release that never came up as failed: the app runs its previous succeeded release again. */
    void abandon(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.ReleaseAbandon.class);
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 900) {
            throw ApiFailure.invalid("Give the 'reason' the release is abandoned for, 1 to 900 characters, such as "
                    + "\"web.1 crashed at boot (exit code 1)\".");
        }
        var release = service.abandon(app, ctx.pathParam("release"), body.reason().trim());
        ctx.json(wire(ctx, release, false));
    }

    private static void requireService(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Releases are abandoned by the platform itself (its builder, when a deploy's "
                    + "processes never come up). To go back to an earlier release, roll back: paas rollback vN.");
        }
    }

    private Wire.Release wire(Context ctx, ReleaseRow r, boolean current) {
        String output = r.phaseDyno() == null ? null : outputUrls.of(ctx, r.appId(), r.phaseDynoName());
        return new Wire.Release(r.id(), r.version(), r.description(), r.status().wire(), current,
                new Wire.UserRef(r.userId(), r.userEmail()), r.buildId() == null ? null : new Wire.BuildRef(r.buildId()),
                r.image(), r.processTypes(), r.createdAt().toInstant(), r.createdAt().toInstant(), r.reason(), output);
    }
}
