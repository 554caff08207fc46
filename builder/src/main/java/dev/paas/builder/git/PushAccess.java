package dev.paas.builder.git;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may push: HTTP basic auth with an API token as the password (any user name), so the ~/.netrc that
 * {@code paas login} writes works for git. The platform API decides access: the app is looked up with the
 * pusher's own token.
 */
public final class PushAccess {
    /** No token of its own: each check asks as the pusher, over this one client's connections. */
    private final PlatformClient api;

    public PushAccess(URI apiUrl) {
        this.api = new PlatformClient(apiUrl, null);
    }

    /** The outcome of a check: a pusher and their app, or why not. */
    public sealed interface Decision {
    }

    /** No usable credentials: answer 401 so git asks for (or looks up) some. */
    public record Unauthenticated(String reason) implements Decision {
    }

    /** Authenticated, but the app is not theirs to push to (or does not exist). */
    public record Denied(String reason) implements Decision {
    }

    /** The app and the pusher's account (the builder records builds on their behalf), with their own client. */
    public record Allowed(Wire.App app, Wire.Account account, PlatformClient client) implements Decision {
    }

    public Decision check(String authorization, String appName) {
        Optional<String> token = token(authorization);
        if (token.isEmpty()) {
            return new Unauthenticated("Credentials needed: run `paas login` (the API token is the password).");
        }
        var client = api.withToken(token.get());
        try {
            var app = client.app(appName);
            return new Allowed(app, client.account(), client);
        } catch (ApiException e) {
            return switch (e.status()) {
                // git got the token from ~/.netrc or a helper: another 401 would only make it prompt
                case 401 -> new Denied("Invalid credentials: the API token was refused; run `paas login` again.");
                case 403, 404 -> new Denied("App '" + appName + "' does not exist or you do not have access to it.");
                default -> new Denied("The platform API refused the push (" + e.status() + "): " + e.getMessage());
            };
        } catch (RuntimeException e) {
            return new Denied("The platform API cannot be reached; try again later.");
        }
    }

    static Optional<String> token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return password.isBlank() ? Optional.empty() : Optional.of(password.strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
