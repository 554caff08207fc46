package dev.paas.api.auth;

import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /account}: who the token belongs to. */
public final class AccountHandler {

    public List<Route> routes() {
        return List.of(Route.get("/account", this::show));
    }

    void show(Context ctx) {
        User user = CurrentUser.of(ctx);
        ctx.json(new Wire.Account(user.id(), user.email(), user.admin(), user.createdAt().toInstant(),
                user.updatedAt().toInstant()));
    }
}
