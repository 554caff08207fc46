package dev.paas.api.auth;

import dev.paas.api.cache.ReadCache;
import dev.paas.api.error.ApiFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Finds the user behind a request's {@code Authorization} header: {@code Bearer TOKEN}, or HTTP
 * basic with the token as password (what git and {@code ~/.netrc} send; the username is ignored).
 */
public final class Authenticator {
    private final DSLContext dsl;
    private final AuthorizationRepository tokens;
    private final ReadCache<String, Credential> credentials;

    /**
     * {@code credentials}: tokens found, by their SHA-256 (hex), never the token itself; an expired one is
     * looked up again (and refused) however fresh its entry.
     */
    public Authenticator(DSLContext dsl, AuthorizationRepository tokens, ReadCache<String, Credential> credentials) {
        this.dsl = dsl;
        this.tokens = tokens;
        this.credentials = credentials;
    }

    public Credential authenticate(String authorization) {
        byte[] hash = Tokens.sha256(token(authorization));
        return credentials.get(HexFormat.of().formatHex(hash), () -> tokens.byTokenHash(dsl, hash),
                        Credential::unexpired)
                .orElseThrow(() -> ApiFailure.unauthorized("Invalid credentials provided: the token is unknown, "
                        + "revoked or expired. Run `paas login` with a valid token."));
    }

    /** Whether a request's token still holds (not revoked, not expired): open streams ask on every wake-up. */
    public boolean stillValid(Credential credential) {
        return tokens.live(dsl, credential.tokenId());
    }

    /**
     * The credential of a still valid token, by its id: for URLs that carry a signed reference to the
     * token that created them (log sessions) instead of the token itself.
     */
    public Optional<Credential> byTokenId(UUID tokenId) {
        return tokens.byId(dsl, tokenId);
    }

    private static String token(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiFailure.unauthorized("No credentials provided. Send 'Authorization: Bearer TOKEN' "
                    + "(run `paas login`, or ask an admin for a token).");
        }
        // The scheme, then the rest past any whitespace (no regex: this runs on every request).
        String header = authorization.trim();
        int end = 0;
        while (end < header.length() && !Character.isWhitespace(header.charAt(end))) {
            end++;
        }
        String scheme = header.substring(0, end);
        String credentials = header.substring(end).trim();
        if (!credentials.isEmpty() && scheme.equalsIgnoreCase("Bearer")) {
            return credentials;
        }
        if (!credentials.isEmpty() && scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon >= 0 && colon < decoded.length() - 1) {
                    return decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // falls through to the message below
            }
        }
        throw ApiFailure.unauthorized("The Authorization header must be 'Bearer TOKEN' or basic auth with the token "
                + "as password.");
    }
}
