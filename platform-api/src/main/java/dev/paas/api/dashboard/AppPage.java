package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.app.AppRow;
import dev.paas.api.build.BuildService;
import dev.paas.api.db.Seek;
import dev.paas.api.formation.FormationService;
import dev.paas.api.http.Route;
import dev.paas.api.instance.DynoService;
import dev.paas.api.release.ReleaseService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.List;

/** An app's overview (URLs, formation, processes) and activity (releases, builds and their output, rollback). */
final class AppPage {
    private static final int RELEASES_SHOWN = 50;
    private final Web web;
    private final Pages pages;
    private final FormationService formations;
    private final DynoService dynos;
    private final ReleaseService releases;
    private final BuildService builds;
    private final Urls urls;

    /** An app's web and git URLs, as the API's app resource gives them. */
    record Urls(String platformDomain, URI routerUrl, URI gitUrl) {
        Views.AppFacts of(AppRow app) {
            String port = routerUrl.getPort() == -1 ? "" : ":" + routerUrl.getPort();
            return new Views.AppFacts(app.name(), app.ownerEmail(),
                    routerUrl.getScheme() + "://" + app.name() + "." + platformDomain + port + "/",
                    gitUrl + "/" + app.name() + ".git");
        }
    }

    AppPage(Web web, Pages pages, FormationService formations, DynoService dynos, ReleaseService releases,
            BuildService builds, Urls urls) {
        this.web = web;
        this.pages = pages;
        this.formations = formations;
        this.dynos = dynos;
        this.releases = releases;
        this.builds = builds;
        this.urls = urls;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, BASE + "/apps/{app}", web.inApp(this::overview)),
                Route.open(HandlerType.GET, BASE + "/apps/{app}/activity", web.inApp(this::activity)),
                Route.open(HandlerType.GET, BASE + "/apps/{app}/builds/{build}", web.inApp(this::build)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/releases/{version}/rollback",
                        web.inApp(this::rollback)));
    }

    void overview(Context ctx, Session session, AppRow app) {
        var params = web.params(session, app.name(), app.name(), "overview");
        params.put("app", urls.of(app));
        params.put("formation", formations.list(app));
        params.put("processes", dynos.list(app).stream().map(Views.Process::of).toList());
        params.put("release", releases.currentVersion(app));
        pages.render(ctx, 200, "overview.jte", params);
    }

    void activity(Context ctx, Session session, AppRow app) {
        var params = web.params(session, app.name() + " activity", app.name(), "activity");
        params.put("app", urls.of(app));
        params.put("releases", releases.list(app, new Seek("version", null, false, true, RELEASES_SHOWN)).items());
        params.put("current", releases.currentVersion(app));
        params.put("builds", builds.list(app, new Seek("created_at", null, false, true, 20)).items());
        pages.render(ctx, 200, "activity.jte", params);
    }

    void build(Context ctx, Session session, AppRow app) {
        var build = builds.require(app, ctx.pathParam("build"));
        var params = web.params(session, app.name() + " build", app.name(), "activity");
        params.put("app", urls.of(app));
        params.put("build", build);
        params.put("output", builds.output(build));
        pages.render(ctx, 200, "build.jte", params);
    }

    /** The same rollback as {@code paas releases:rollback vN}: a new release with that one's build and config. */
    void rollback(Context ctx, Session session, AppRow app) {
        releases.rollback(app, session.user(), ctx.pathParam("version"));
        Web.redirect(ctx, BASE + "/apps/" + app.name() + "/activity");
    }
}
