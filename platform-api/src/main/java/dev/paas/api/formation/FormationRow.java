package dev.paas.api.formation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** How many processes of one type an app should run, and how big. */
public record FormationRow(UUID id, UUID appId, String type, int quantity, String size, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {
}
