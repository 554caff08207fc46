package dev.paas.api.release;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.build.BuildRepository;
import dev.paas.api.build.BuildRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import org.jooq.DSLContext;

/** {@code /apps/{app}/releases}: the ledger, rollback, and deploying a build. */
public final class ReleaseHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final BuildRepository builds;
    private final Ledger ledger;
    private final Bodies bodies;

    public ReleaseHandler(DSLContext dsl, AppRepository apps, ReleaseRepository releases, BuildRepository builds,
                          Ledger ledger, Bodies bodies) {
        this.dsl = dsl;
        this.apps = apps;
        this.releases = releases;
        this.builds = builds;
        this.ledger = ledger;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        AppRow app = app(ctx);
        var seek = RangeHeader.parse(ctx, "version");
        int current = releases.latest(dsl, app.id()).map(ReleaseRow::version).orElse(0);
        var page = releases.list(dsl, app.id(), seek);
        RangeHeader.respond(ctx, seek, new dev.paas.api.db.Seek.Page<>(
                page.items().stream().map(r -> wire(r, r.version() == current)).toList(), page.lastKey()));
    }

    public void show(Context ctx) {
        AppRow app = app(ctx);
        ReleaseRow release = releases.require(dsl, app.id(), ctx.pathParam("release"));
        ctx.json(wire(release, isCurrent(app, release)));
    }

    public void configVars(Context ctx) {
        AppRow app = app(ctx);
        ctx.json(releases.require(dsl, app.id(), ctx.pathParam("release")).config());
    }

    /** Heroku's POST: {@code {"release": ...}} rolls back; our {@code {"build": ...}} deploys a build. */
    public void create(Context ctx) {
        AppRow app = app(ctx);
        var body = bodies.read(ctx, Wire.ReleaseCreate.class);
        var user = CurrentUser.of(ctx);
        ReleaseRow created;
        if (body.release() != null && body.build() != null) {
            throw ApiFailure.invalid("Give either 'release' (to roll back) or 'build' (to deploy), not both.");
        } else if (body.release() != null) {
            created = ledger.rollback(dsl, app.id(), body.release(), user.id());
        } else if (body.build() != null) {
            BuildRow build = builds.require(dsl, app.id(), body.build().toString());
            if (!"succeeded".equals(build.status())) {
                throw ApiFailure.invalid("Build " + build.id() + " is " + build.status()
                        + "; only a succeeded build can be released.");
            }
            String description = body.description() != null && !body.description().isBlank()
                    ? body.description()
                    : "Deploy " + (build.commit() == null ? build.id().toString().substring(0, 8)
                            : build.commit().substring(0, Math.min(7, build.commit().length())));
            // The builder deploys with its service token on behalf of the pusher, who stays the release's author.
            var author = user.admin() && build.userId() != null ? build.userId() : user.id();
            created = ledger.append(dsl, app.id(), current -> new Draft(build.id(), build.image(),
                    build.processTypes(), current.config(), description, author));
        } else {
            throw ApiFailure.invalid("Give 'release' (an id or version such as \"v3\") to roll back, "
                    + "or 'build' (a build id) to deploy.");
        }
        ctx.status(201).json(wire(created, true));
    }

    private boolean isCurrent(AppRow app, ReleaseRow release) {
        return releases.latest(dsl, app.id()).map(r -> r.id().equals(release.id())).orElse(false);
    }

    private AppRow app(Context ctx) {
        return apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
    }

    static Wire.Release wire(ReleaseRow r, boolean current) {
        return new Wire.Release(r.id(), r.version(), r.description(), "succeeded", current,
                new Wire.UserRef(r.userId(), r.userEmail()), r.buildId() == null ? null : new Wire.BuildRef(r.buildId()),
                r.image(), r.processTypes(), r.createdAt().toInstant(), r.createdAt().toInstant());
    }
}
