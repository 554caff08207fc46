package dev.paas.api.acme;

import static dev.paas.api.http.Route.patch;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /apps/{app}/acm}: Heroku's Automatic Certificate Management switch (POST on, DELETE off, PATCH retries
 * failed domains). Each custom domain's progress is its {@code acm_status} in {@code /apps/{app}/domains}.
 */
public final class AcmHandler {
    private final AppScope app;
    private final AcmService service;

    public AcmHandler(AppScope app, AcmService service) {
        this.app = app;
        this.service = service;
    }

    public List<Route> routes() {
        return List.of(
                post("/apps/{app}/acm", app.bind(this::enable)),
                patch("/apps/{app}/acm", app.bind(this::refresh)),
                Route.delete("/apps/{app}/acm", app.bind(this::disable)));
    }

    void enable(Context ctx, AppRow app) {
        ctx.json(wire(app, service.enable(app)));
    }

    void refresh(Context ctx, AppRow app) {
        ctx.json(wire(app, service.refresh(app)));
    }

    void disable(Context ctx, AppRow app) {
        ctx.json(wire(app, service.disable(app)));
    }

    /** Heroku answers with the app; its {@code acm} field is what the CLI reads. */
    private static Map<String, Object> wire(AppRow app, Wire.HttpsOptions options) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", app.id());
        body.put("name", app.name());
        body.put("acm", options.acm());
        return body;
    }
}
