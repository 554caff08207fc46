package dev.paas.api.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored API token (its hash stays in the repository): Heroku's OAuth authorization. */
record AuthorizationRow(UUID id, UUID userId, String email, String description, OffsetDateTime expiresAt,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
