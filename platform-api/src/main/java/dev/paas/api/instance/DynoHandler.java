package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.CurrentUser;
import io.javalin.http.Context;
import org.jooq.DSLContext;

/** {@code GET /apps/{app}/dynos}: the app's processes as the agents see them. */
public final class DynoHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final InstanceRepository instances;

    public DynoHandler(DSLContext dsl, AppRepository apps, InstanceRepository instances) {
        this.dsl = dsl;
        this.apps = apps;
        this.instances = instances;
    }

    public void list(Context ctx) {
        var app = apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(instances.dynos(dsl, app.id()));
    }
}
