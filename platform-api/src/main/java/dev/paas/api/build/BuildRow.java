package dev.paas.api.build;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A build of an app's source into an image: pending until the builder reports its outcome. */
public record BuildRow(UUID id, UUID appId, UUID userId, String userEmail, String status, String commit,
                       String buildpack, String image, Map<String, String> processTypes, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, java.util.Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> healthchecks) {

    public BuildRow(UUID id, UUID appId, UUID userId, String userEmail, String status, String commit,
                    String buildpack, String image, Map<String, String> processTypes, OffsetDateTime createdAt,
                    OffsetDateTime updatedAt) {
        this(id, appId, userId, userEmail, status, commit, buildpack, image, processTypes, createdAt, updatedAt,
                Map.of());
    }
}
