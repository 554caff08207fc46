package dev.paas.api.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An account: whoever holds one of its tokens acts as it. */
public record User(UUID id, String email, boolean admin, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
