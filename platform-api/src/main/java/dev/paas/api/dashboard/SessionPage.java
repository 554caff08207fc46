package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Signing in (email and password, or an API token) and out. The sign-in form has no session yet, so its
 * CSRF token is a double-submit cookie: a site that posts a sign-in form cannot read or set that cookie.
 */
final class SessionPage {
    private static final String SIGN_IN_COOKIE = "paas_signin";
    private final Web web;
    private final Pages pages;
    private final SignInService service;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    SessionPage(Web web, Pages pages, SignInService service, Duration lifetime) {
        this.web = web;
        this.pages = pages;
        this.service = service;
        this.lifetime = lifetime;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, BASE + "/sign-in", web.open(this::form)),
                Route.open(HandlerType.POST, BASE + "/sign-in", web.open(this::signIn)),
                Route.open(HandlerType.POST, BASE + "/sign-out", web.signedIn(this::signOut)));
    }

    void form(Context ctx) {
        if (service.session(ctx.cookie(Web.SESSION_COOKIE)).isPresent()) {
            Web.redirect(ctx, BASE);
            return;
        }
        show(ctx, 200, null, "");
    }

    void signIn(Context ctx) {
        String cookie = ctx.cookie(SIGN_IN_COOKIE);
        String given = ctx.formParam(Web.CSRF_FIELD);
        if (cookie == null || given == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            show(ctx, 403, "This sign-in form is stale (its CSRF token is missing or wrong). Try again.", "");
            return;
        }
        String email = ctx.formParam("email");
        SessionRepository.Opened opened;
        try {
            opened = ctx.formParam("token") != null
                    ? service.withToken(ctx.formParam("token"), ctx.ip())
                    : service.withPassword(email, ctx.formParam("password"), ctx.ip());
        } catch (ApiFailure e) {
            show(ctx, e.kind().status, e.getMessage(), email == null ? "" : email);
            return;
        }
        Web.sessionCookie(ctx, opened.id(), lifetime);
        Web.redirect(ctx, BASE);
    }

    void signOut(Context ctx, Session session) {
        service.signOut(session);
        Web.sessionCookie(ctx, "", Duration.ZERO);
        Web.redirect(ctx, BASE + "/sign-in");
    }

    private void show(Context ctx, int status, String error, String email) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.res().addHeader("Set-Cookie", SIGN_IN_COOKIE + "=" + token + "; Path=" + BASE
                + "/sign-in; HttpOnly; SameSite=Strict");
        var params = web.params(null, "Sign in", null, null);
        params.put("signInToken", token);
        params.put("error", error);
        params.put("email", email);
        pages.render(ctx, status, "signin.jte", params);
    }
}
