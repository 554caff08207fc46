package dev.paas.api.addon;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.CurrentUser;
import io.javalin.http.Context;
import java.util.List;
import org.jooq.DSLContext;

/**
 * {@code GET /apps/{app}/addons}: this platform provisions no add-ons, so every visible app has none.
 * Heroku clients (the CLI's apps:info) read the list and fail on a 404, hence an empty list.
 */
public final class AddonHandler {
    private final DSLContext dsl;
    private final AppRepository apps;

    public AddonHandler(DSLContext dsl, AppRepository apps) {
        this.dsl = dsl;
        this.apps = apps;
    }

    public void list(Context ctx) {
        apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(List.of());
    }
}
