package dev.paas.api.domain;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.CurrentUser;
import io.javalin.http.Context;
import java.util.List;
import org.jooq.DSLContext;

/**
 * {@code GET /apps/{app}/sni-endpoints}: the router terminates no TLS, so apps have no certificates.
 * The heroku CLI's domains:add lists them before adding a domain, hence an empty list, not a 404.
 */
public final class SniEndpointHandler {
    private final DSLContext dsl;
    private final AppRepository apps;

    public SniEndpointHandler(DSLContext dsl, AppRepository apps) {
        this.dsl = dsl;
        this.apps = apps;
    }

    public void list(Context ctx) {
        apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(List.of());
    }
}
