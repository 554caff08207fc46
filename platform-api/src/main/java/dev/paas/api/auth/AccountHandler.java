package dev.paas.api.auth;

import dev.paas.client.Wire;
import io.javalin.http.Context;

/** {@code GET /account}: who the token belongs to. */
public final class AccountHandler {

    public void show(Context ctx) {
        User user = CurrentUser.of(ctx);
        ctx.json(new Wire.Account(user.id(), user.email(), user.admin(), user.createdAt().toInstant(),
                user.updatedAt().toInstant()));
    }
}
