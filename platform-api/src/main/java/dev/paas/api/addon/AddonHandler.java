package dev.paas.api.addon;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * Add-ons in the Heroku Platform API's shapes: {@code /apps/{app}/addons}, {@code /addons},
 * {@code /addon-attachments} and the catalog ({@code /addon-services}, their plans).
 */
public final class AddonHandler {
    private final AppScope app;
    private final AddonService service;
    private final Bodies bodies;

    public AddonHandler(AppScope app, AddonService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/addon-services", ctx -> ctx.json(Catalog.SERVICES.stream().map(AddonWire::service).toList())),
                get("/addon-services/{service}", ctx -> ctx.json(AddonWire.service(
                        Catalog.service(ctx.pathParam("service"))))),
                get("/addon-services/{service}/plans", this::plans),
                get("/apps/{app}/addons", app.bind(this::list)),
                post("/apps/{app}/addons", app.bind(this::create)),
                get("/apps/{app}/addons/{addon}", app.bind(this::showInApp)),
                delete("/apps/{app}/addons/{addon}", app.bind(this::destroyInApp)),
                get("/addons", this::listAll),
                get("/addons/{addon}", this::show),
                delete("/addons/{addon}", this::destroy),
                get("/addons/{addon}/addon-attachments", this::attachmentsOfAddon),
                get("/apps/{app}/addon-attachments", app.bind(this::attachmentsOfApp)),
                get("/addon-attachments", this::attachmentsOfAll),
                post("/addon-attachments", this::attach),
                get("/addon-attachments/{attachment}", this::attachment),
                delete("/addon-attachments/{attachment}", this::detach),
                post("/actions/addons/resolve", this::resolveAddon),
                post("/actions/addon-attachments/resolve", this::resolveAttachment));
    }

    void plans(Context ctx) {
        var s = Catalog.service(ctx.pathParam("service"));
        ctx.json(s.plans().stream().map(p -> AddonWire.plan(s, p)).toList());
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.listAttached(app).stream().map(this::wire).toList());
    }

    void listAll(Context ctx) {
        ctx.json(service.listVisible(CurrentUser.of(ctx)).stream().map(this::wire).toList());
    }

    void create(Context ctx, AppRow app) {
        JsonNode body = bodies.readObject(ctx);
        JsonNode attachment = body.path("attachment");
        var addon = service.create(CurrentUser.of(ctx), app, text(body.path("plan").isObject()
                ? body.path("plan").path("name") : body.path("plan")), text(attachment.path("name")),
                text(body.path("name")));
        ctx.status(201).json(wire(addon));
    }

    void show(Context ctx) {
        ctx.json(wire(service.show(CurrentUser.of(ctx), ctx.pathParam("addon"))));
    }

    void showInApp(Context ctx, AppRow app) {
        var addon = service.show(CurrentUser.of(ctx), ctx.pathParam("addon"));
        ctx.json(wire(addon));
    }

    void destroy(Context ctx) {
        ctx.json(wire(service.destroy(CurrentUser.of(ctx), ctx.pathParam("addon"), confirm(ctx))));
    }

    /**
     * The heroku CLI confirms locally, then names the add-on's app in the path: an app that owns the
     * add-on, named there, is the confirmation {@code confirm} otherwise gives.
     */
    void destroyInApp(Context ctx, AppRow app) {
        String confirm = confirm(ctx);
        var user = CurrentUser.of(ctx);
        if (confirm == null && service.owned(user, ctx.pathParam("addon")).appId().equals(app.id())) {
            confirm = app.name();
        }
        ctx.json(wire(service.destroy(user, ctx.pathParam("addon"), confirm)));
    }

    /** The heroku CLI's lookup: {@code {"addon": NAME, "app": APP}}, answered with the one match as a list. */
    void resolveAddon(Context ctx) {
        JsonNode body = bodies.readObject(ctx);
        String addon = text(body.path("addon"));
        if (addon == null) {
            throw ApiFailure.invalid("Give 'addon': an add-on's name or id, or an attachment's name with 'app'.");
        }
        ctx.json(List.of(wire(service.resolve(CurrentUser.of(ctx), addon, text(body.path("app"))))));
    }

    void resolveAttachment(Context ctx) {
        JsonNode body = bodies.readObject(ctx);
        String attachment = text(body.path("addon_attachment"));
        String app = text(body.path("app"));
        if (attachment == null || app == null) {
            throw ApiFailure.invalid("Give 'addon_attachment' (its name or id) and 'app'.");
        }
        ctx.json(List.of(AddonWire.attachment(service.resolveAttachment(CurrentUser.of(ctx), attachment, app))));
    }

    void attachmentsOfAddon(Context ctx) {
        var addon = service.show(CurrentUser.of(ctx), ctx.pathParam("addon"));
        ctx.json(service.attachments(addon).stream().map(AddonWire::attachment).toList());
    }

    void attachmentsOfApp(Context ctx, AppRow app) {
        ctx.json(service.attachmentsOn(app).stream().map(AddonWire::attachment).toList());
    }

    void attachmentsOfAll(Context ctx) {
        ctx.json(service.listVisible(CurrentUser.of(ctx)).stream().flatMap(a -> service.attachments(a).stream())
                .map(AddonWire::attachment).toList());
    }

    void attach(Context ctx) {
        JsonNode body = bodies.readObject(ctx);
        var attachment = service.attach(CurrentUser.of(ctx), text(body.path("addon").isObject()
                        ? body.path("addon").path("name") : body.path("addon")),
                text(body.path("app").isObject() ? body.path("app").path("name") : body.path("app")),
                text(body.path("name")));
        ctx.status(201).json(AddonWire.attachment(attachment));
    }

    void attachment(Context ctx) {
        ctx.json(AddonWire.attachment(service.attachment(CurrentUser.of(ctx), ctx.pathParam("attachment"))));
    }

    void detach(Context ctx) {
        ctx.json(AddonWire.attachment(service.detach(CurrentUser.of(ctx), ctx.pathParam("attachment"))));
    }

    private Wire.Addon wire(AddonRow addon) {
        return AddonWire.addon(addon, service.attachments(addon));
    }

    /** {@code ?confirm=APP}, or {@code {"confirm": "APP"}} in a body, as Heroku clients send it. */
    private String confirm(Context ctx) {
        String query = ctx.queryParam("confirm");
        if (query != null || ctx.body().isBlank()) {
            return query;
        }
        return text(bodies.readObject(ctx).path("confirm"));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiFailure.invalid("Expected a string, got " + node.getNodeType().toString().toLowerCase() + ": "
                    + node + ".");
        }
        return node.textValue();
    }
}
