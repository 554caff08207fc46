package dev.paas.api.auth;

import io.javalin.http.Context;

/** The authenticated user of a request, put there by the HTTP edge before any handler runs. */
public final class CurrentUser {
    private static final String KEY = "paas.user";

    private CurrentUser() {
    }

    public static void set(Context ctx, User user) {
        ctx.attribute(KEY, user);
    }

    public static User of(Context ctx) {
        User user = ctx.attribute(KEY);
        if (user == null) {
            throw new IllegalStateException("route reached without authentication: " + ctx.path());
        }
        return user;
    }
}
