package dev.paas.api.dashboard;

import dev.paas.api.auth.User;
import java.time.OffsetDateTime;

/**
 * A signed-in browser: whose it is, the token its forms must carry (a synchronizer token, checked on every
 * change), and until when it holds. Only the SHA-256 of its id is kept; the id itself is in the cookie.
 */
public record Session(byte[] idSha256, User user, String csrf, OffsetDateTime expiresAt) {
}
