package dev.paas.api.domain;

import static dev.paas.api.http.Route.get;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /apps/{app}/sni-endpoints}: the router terminates no TLS, so apps have no certificates.
 * The heroku CLI's domains:add lists them before adding a domain, hence an empty list, not a 404.
 */
public final class SniEndpointHandler {
    private final AppScope app;

    public SniEndpointHandler(AppScope app) {
        this.app = app;
    }

    public List<Route> routes() {
        return List.of(get("/apps/{app}/sni-endpoints", app.bind(this::list)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(List.of());
    }
}
