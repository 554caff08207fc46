package dev.paas.api.log;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.Credential;
import dev.paas.api.error.ApiFailure;
import org.jooq.DSLContext;

/**
 * What a signed log URL ({@link LogSessionTokens}) lets its holder read: the URL names the API token that asked
 * for it, and that token must still hold and still see the app, at the start and while the stream lasts.
 * Log sessions and release-phase output streams both open their URLs through here.
 */
final class LogGrant {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final Authenticator authenticator;
    private final LogSessionTokens tokens;

    record Granted(LogSessionTokens.Claims claims, Credential credential, AppRow app) {
    }

    LogGrant(DSLContext dsl, AppRepository apps, Authenticator authenticator, LogSessionTokens tokens) {
        this.dsl = dsl;
        this.apps = apps;
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    /** {@code again}: what the holder runs to get a fresh URL, for the message when this one has expired. */
    Granted open(String token, String again) {
        var claims = tokens.verify(token).orElseThrow(() -> ApiFailure.forbidden(
                "This URL is unknown or expired. " + again));
        Credential credential = authenticator.byTokenId(claims.token()).orElseThrow(() -> ApiFailure.forbidden(
                "The token that asked for this URL was revoked or has expired."));
        AppRow app = apps.find(dsl, credential.user(), claims.app().toString()).orElseThrow(() ->
                ApiFailure.forbidden("The user who asked for this URL can no longer see its app."));
        return new Granted(claims, credential, app);
    }

    /** Whether the stream may go on: its token still valid, its user still seeing the app. */
    boolean holds(Granted granted) {
        return authenticator.stillValid(granted.credential())
                && apps.find(dsl, granted.credential().user(), granted.app().id().toString()).isPresent();
    }

    LogSessionTokens tokens() {
        return tokens;
    }
}
