package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppService;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import dev.paas.api.instance.DynoService;
import dev.paas.api.release.ReleaseService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/** The apps list with each app's state; creating an app, and destroying one once its name is typed. */
final class AppsPage {
    private final Web web;
    private final Pages pages;
    private final AppService apps;
    private final DynoService dynos;
    private final ReleaseService releases;

    AppsPage(Web web, Pages pages, AppService apps, DynoService dynos, ReleaseService releases) {
        this.web = web;
        this.pages = pages;
        this.apps = apps;
        this.dynos = dynos;
        this.releases = releases;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, "/", ctx -> Web.redirect(ctx, BASE)),
                Route.open(HandlerType.GET, BASE, web.signedIn(this::list)),
                Route.open(HandlerType.POST, BASE + "/apps", web.signedIn(this::create)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/destroy", web.inApp(this::destroy)));
    }

    void list(Context ctx, Session session) {
        var lines = apps.list(session.user(), Seek.first("name")).items().stream().map(this::line).toList();
        var params = web.params(session, "Apps", null, "apps");
        params.put("apps", lines);
        pages.render(ctx, 200, "apps.jte", params);
    }

    void create(Context ctx, Session session) {
        String name = ctx.formParam("name");
        AppRow app = apps.create(session.user(), name == null || name.isBlank() ? null : name.trim());
        Web.redirect(ctx, BASE + "/apps/" + app.name());
    }

    void destroy(Context ctx, Session session, AppRow app) {
        if (!app.name().equals(ctx.formParam("confirm"))) {
            throw ApiFailure.invalid("To destroy " + app.name() + ", type its name, " + app.name()
                    + ", in the confirmation field. Nothing was destroyed.");
        }
        apps.destroy(session.user(), app.id().toString());
        Web.redirect(ctx, BASE);
    }

    private Views.AppLine line(AppRow app) {
        var processes = dynos.list(app).stream().map(Views.Process::of).toList();
        return new Views.AppLine(app.name(), Views.count(processes, "up"), Views.count(processes, "crashed"),
                processes.size(), releases.currentVersion(app), Views.when(app.releasedAt()));
    }
}
