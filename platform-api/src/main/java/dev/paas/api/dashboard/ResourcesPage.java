package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.paas.api.addon.AddonService;
import dev.paas.api.app.AppRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.formation.FormationService;
import dev.paas.api.formation.ScaleRequest;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * An app's resources: scale each process type (the same update as {@code paas ps:scale}), and its
 * add-ons (created from the catalogue and destroyed once their name is typed, through the service behind
 * {@code paas addons:create} and {@code addons:destroy}; credentials are never on the page).
 */
final class ResourcesPage {
    private final Web web;
    private final Pages pages;
    private final FormationService formations;
    private final AddonService addons;
    private final AppPage.Urls urls;

    ResourcesPage(Web web, Pages pages, FormationService formations, AddonService addons, AppPage.Urls urls) {
        this.web = web;
        this.pages = pages;
        this.formations = formations;
        this.addons = addons;
        this.urls = urls;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, BASE + "/apps/{app}/resources", web.inApp(this::show)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/scale", web.inApp(this::scale)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/addons", web.inApp(this::createAddon)),
                Route.open(HandlerType.POST, BASE + "/apps/{app}/addons/destroy", web.inApp(this::destroyAddon)));
    }

    void show(Context ctx, Session session, AppRow app) {
        var params = web.params(session, app.name() + " resources", app.name(), "resources");
        params.put("app", urls.of(app));
        params.put("formation", formations.list(app));
        params.put("addons", addons.listed(app));
        params.put("catalogue", AddonService.catalogue());
        pages.render(ctx, 200, "resources.jte", params);
    }

    void scale(Context ctx, Session session, AppRow app) {
        String type = ctx.formParam("type");
        String given = ctx.formParam("quantity");
        int quantity;
        try {
            quantity = Integer.parseInt(given == null ? "" : given.trim());
        } catch (NumberFormatException e) {
            throw ApiFailure.invalid("The quantity of '" + type + "' must be a whole number such as 2, got '"
                    + given + "'. Nothing was scaled.");
        }
        String size = ctx.formParam("size");
        formations.update(app, session.user(), List.of(new ScaleRequest(type, IntNode.valueOf(quantity),
                size == null || size.isBlank() ? null : size.trim())));
        back(ctx, app);
    }

    void createAddon(Context ctx, Session session, AppRow app) {
        addons.create(session.user(), app, ctx.formParam("plan"));
        back(ctx, app);
    }

    void destroyAddon(Context ctx, Session session, AppRow app) {
        String addon = ctx.formParam("addon");
        if (addon == null || addon.isBlank()) {
            throw ApiFailure.invalid("Say which add-on to destroy. Nothing was destroyed.");
        }
        if (!addon.equals(ctx.formParam("confirm"))) {
            throw ApiFailure.invalid("To destroy " + addon + " and its data, type its name, " + addon
                    + ", in the confirmation field. Nothing was destroyed.");
        }
        // The name typed is the dashboard's confirmation; the service's own (the app's name) follows from the page.
        addons.destroyOwnedBy(session.user(), app, addon, app.name());
        back(ctx, app);
    }

    private static void back(Context ctx, AppRow app) {
        Web.redirect(ctx, BASE + "/apps/" + app.name() + "/resources");
    }
}
