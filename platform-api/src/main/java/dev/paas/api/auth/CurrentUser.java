package dev.paas.api.auth;

import io.javalin.http.Context;

/** The authenticated user of a request, put there by the HTTP edge before any handler runs. */
public final class CurrentUser {
    private static final String KEY = "paas.credential";

    private CurrentUser() {
    }

    public static void set(Context ctx, Credential credential) {
        ctx.attribute(KEY, credential);
    }

    public static User of(Context ctx) {
        return credential(ctx).user();
    }

    /** The token of the request, for streams that must end when it is revoked or expires. */
    public static Credential credential(Context ctx) {
        Credential credential = ctx.attribute(KEY);
        if (credential == null) {
            throw new IllegalStateException("route reached without authentication: " + ctx.path());
        }
        return credential;
    }
}
