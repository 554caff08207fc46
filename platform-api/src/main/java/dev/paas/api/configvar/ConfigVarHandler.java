package dev.paas.api.configvar;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;

/** {@code /apps/{app}/config-vars}: the current release's config; every real change is a new release. */
public final class ConfigVarHandler {
    private final AppScope app;
    private final ConfigVarService service;
    private final Bodies bodies;

    public ConfigVarHandler(AppScope app, ConfigVarService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/config-vars", app.bind(this::show)),
                patch("/apps/{app}/config-vars", app.bind(this::update)));
    }

    void show(Context ctx, AppRow app) {
        ctx.json(service.show(app));
    }

    void update(Context ctx, AppRow app) {
        ConfigChange change = ConfigChange.parse(bodies.readObject(ctx));
        ctx.json(service.update(CurrentUser.of(ctx), app, change));
    }
}
