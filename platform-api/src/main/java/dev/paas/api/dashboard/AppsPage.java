package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppService;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.jooq.DSLContext;

/** The apps list with each app's state; creating an app, and destroying one once its name is typed. */
final class AppsPage {
    private final Web web;
    private final Pages pages;
    private final AppService apps;
    private final DSLContext dsl;
    private final AppLines figures = new AppLines();

    AppsPage(Web web, Pages pages, AppService apps, DSLContext dsl) {
        this.web = web;
        this.pages = pages;
        this.apps = apps;
        this.dsl = dsl;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, "/", ctx -> Web.redirect(ctx, BASE)),
                Route.open(HandlerType.GET, BASE, web.signedIn(this::list)),
                Route.open(HandlerType.POST, BASE + "/apps", web.signedIn(this::create)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/destroy", web.inApp(this::destroy)));
    }

    /** Two queries whatever the number of apps: the apps, then their figures ({@link AppLines}). */
    void list(Context ctx, Session session) {
        var listed = apps.list(session.user(), Seek.first("name")).items();
        var figures = this.figures.of(dsl, listed.stream().map(AppRow::id).toList());
        var lines = listed.stream().map(app -> line(app, figures.getOrDefault(app.id(), AppLines.Figures.NONE)))
                .toList();
        var params = web.params(session, "Apps", null, "apps");
        params.put("apps", lines);
        pages.render(ctx, 200, "apps.jte", params);
    }

    /** The list's queries and template, run once for a user who sees no app: see {@link Dashboard#warmUp}. */
    void warmUp(Session nobody) {
        apps.list(nobody.user(), Seek.first("name"));
        figures.of(dsl, List.of(java.util.UUID.randomUUID()));
        var params = web.params(nobody, "Apps", null, "apps");
        params.put("apps", List.of(line(new AppRow(java.util.UUID.randomUUID(), "warm-up", null, null, null, null,
                null, false), new AppLines.Figures(1, 1, 2, 1))));
        pages.render("apps.jte", params);
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

    private static Views.AppLine line(AppRow app, AppLines.Figures f) {
        return new Views.AppLine(app.name(), f.up(), f.crashed(), f.processes(), f.release(),
                Views.when(app.releasedAt()));
    }
}
