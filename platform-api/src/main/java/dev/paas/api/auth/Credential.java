package dev.paas.api.auth;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The token a request authenticated with: whose it is, and until when it is valid ({@code expiresAt}
 * null: until revoked). Long-lived streams keep it to re-check that it still holds.
 */
public record Credential(UUID tokenId, User user, OffsetDateTime expiresAt) {

    /** False from {@code expiresAt} on: a cached credential is checked again on every request. */
    public boolean unexpired() {
        return expiresAt == null || OffsetDateTime.now().isBefore(expiresAt);
    }

    /** {@code wait}, shortened so that a stream waiting no longer than this wakes when the token expires. */
    public Duration waitAtMost(Duration wait) {
        if (expiresAt == null) {
            return wait;
        }
        Duration left = Duration.between(OffsetDateTime.now(), expiresAt).plusMillis(50);
        return left.isNegative() ? Duration.ofMillis(1) : left.compareTo(wait) < 0 ? left : wait;
    }
}
