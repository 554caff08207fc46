package dev.paas.api.app;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A live app as the control plane stores it; {@code acm}: automatic certificates are on. */
public record AppRow(UUID id, String name, UUID ownerId, String ownerEmail, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt, OffsetDateTime releasedAt, boolean acm) {
}
