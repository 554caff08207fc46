package dev.paas.api.dashboard;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.error.ApiFailure;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The dashboard's edge, around every page: security headers, the session from its cookie, the CSRF check
 * of every change (before any lookup or work), and refusals rendered as a page with the service's message.
 */
final class Web {
    static final String SESSION_COOKIE = "paas_session";
    static final String CSRF_FIELD = "_csrf";
    static final String BASE = "/dashboard";
    // No inline script or style anywhere: every script and sheet is a file of ours under /dashboard/assets.
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    private final DSLContext dsl;
    private final AppRepository apps;
    private final SignInService signIn;
    private final Pages pages;

    Web(DSLContext dsl, AppRepository apps, SignInService signIn, Pages pages) {
        this.dsl = dsl;
        this.apps = apps;
        this.signIn = signIn;
        this.pages = pages;
    }

    @FunctionalInterface
    interface InSession {
        void handle(Context ctx, Session session) throws Exception;
    }

    @FunctionalInterface
    interface InApp {
        void handle(Context ctx, Session session, AppRow app) throws Exception;
    }

    /** A page anyone may see (sign-in, assets). */
    Handler open(Handler handler) {
        return ctx -> {
            headers(ctx);
            try {
                handler.handle(ctx);
            } catch (ApiFailure e) {
                refuse(ctx, null, e);
            }
        };
    }

    /** A page of a signed-in user; without a session a GET goes to the sign-in page and a change is refused. */
    Handler signedIn(InSession handler) {
        return ctx -> {
            headers(ctx);
            var session = signIn.session(ctx.cookie(SESSION_COOKIE));
            if (session.isEmpty()) {
                if (ctx.method() == HandlerType.GET) {
                    ctx.redirect(BASE + "/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    refuse(ctx, null, ApiFailure.unauthorized("You are not signed in (or your session ended). "
                            + "Sign in again."));
                }
                return;
            }
            if (ctx.method() != HandlerType.GET && !sameToken(ctx.formParam(CSRF_FIELD), session.get().csrf())) {
                refuse(ctx, session.get(), ApiFailure.forbidden("This form is stale or did not come from the "
                        + "dashboard (its CSRF token is missing or wrong): nothing was changed. Reload the page "
                        + "and try again."));
                return;
            }
            try {
                handler.handle(ctx, session.get());
            } catch (ApiFailure e) {
                refuse(ctx, session.get(), e);
            }
        };
    }

    /** A page of an app the signed-in user may see: anyone else's app is as missing as an unknown one (404). */
    Handler inApp(InApp handler) {
        return signedIn((ctx, session) -> handler.handle(ctx, session,
                apps.require(dsl, session.user(), ctx.pathParam("app"))));
    }

    Map<String, Object> params(Session session, String title, String app, String tab) {
        var params = new HashMap<String, Object>();
        params.put("frame", new Views.Frame(title, session == null ? null : session.user().email(),
                session == null ? "" : session.csrf(), app, tab));
        return params;
    }

    static void redirect(Context ctx, String path) {
        ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** {@code Secure} when the browser came over HTTPS: directly, or through our router (X-Forwarded-Proto). */
    static void sessionCookie(Context ctx, String value, Duration maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + value + "; Path=" + BASE + "; Max-Age="
                + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax" + (https ? "; Secure" : ""));
    }

    private void refuse(Context ctx, Session session, ApiFailure e) {
        var params = params(session, statusTitle(e.kind()), null, null);
        params.put("status", e.kind().status);
        params.put("message", e.getMessage());
        params.put("back", backLink(ctx));
        pages.render(ctx, e.kind().status, "error.jte", params);
    }

    /** Where "back" goes: the page the form was on, when it is one of ours. */
    private static String backLink(Context ctx) {
        String referer = ctx.header("Referer");
        String own = ctx.scheme() + "://" + ctx.host() + BASE;
        return referer != null && referer.startsWith(own) ? referer.substring(own.length() - BASE.length()) : BASE;
    }

    private static String statusTitle(ApiFailure.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Refused";
            case UNAUTHORIZED -> "Sign in needed";
            case TOO_MANY_REQUESTS -> "Too many tries";
            default -> "Could not do that";
        };
    }

    private static boolean sameToken(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }
}
