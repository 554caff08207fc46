package dev.paas.api.auth;

import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import org.jooq.DSLContext;

/**
 * {@code GET /account}: who the token belongs to. {@code PUT /account/password}: sets the password the
 * dashboard signs in with; once one is set, changing it needs the current one too, so a token alone
 * (say, one left in a CI job) cannot take over the account's browser sign-in; every dashboard session ends.
 */
public final class AccountHandler {
    private final DSLContext dsl;
    private final UserRepository users;
    private final Bodies bodies;

    /** The body of {@code PUT /account/password}. */
    public record PasswordChange(String currentPassword, String password) {
    }

    public AccountHandler(DSLContext dsl, UserRepository users, Bodies bodies) {
        this.dsl = dsl;
        this.users = users;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(Route.get("/account", this::show), Route.put("/account/password", this::changePassword));
    }

    void show(Context ctx) {
        User user = CurrentUser.of(ctx);
        ctx.json(new Wire.Account(user.id(), user.email(), user.admin(), user.createdAt().toInstant(),
                user.updatedAt().toInstant()));
    }

    void changePassword(Context ctx) {
        User user = CurrentUser.of(ctx);
        var body = bodies.read(ctx, PasswordChange.class);
        users.changePassword(dsl, user.id(), body.currentPassword(), body.password(), null);
        ctx.status(204);
    }
}
