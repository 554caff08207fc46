package dev.paas.api.addon;

import static dev.paas.api.http.Route.get;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /apps/{app}/addons}: this platform provisions no add-ons, so every visible app has none.
 * Heroku clients (the CLI's apps:info) read the list and fail on a 404, hence an empty list.
 */
public final class AddonHandler {
    private final AppScope app;

    public AddonHandler(AppScope app) {
        this.app = app;
    }

    public List<Route> routes() {
        return List.of(get("/apps/{app}/addons", app.bind(this::list)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(List.of());
    }
}
