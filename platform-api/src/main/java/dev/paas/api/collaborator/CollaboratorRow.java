package dev.paas.api.collaborator;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user given access to an app it does not own. */
public record CollaboratorRow(UUID id, UUID appId, UUID userId, String email, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt) {
}
