package dev.paas.api.release;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One entry of an app's append-only release ledger. */
public record ReleaseRow(UUID id, UUID appId, int version, UUID buildId, String image,
                         Map<String, String> processTypes, Map<String, String> config, String description,
                         UUID userId, String userEmail, OffsetDateTime createdAt,
                         java.util.Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> healthchecks) {

    public ReleaseRow(UUID id, UUID appId, int version, UUID buildId, String image,
                      Map<String, String> processTypes, Map<String, String> config, String description,
                      UUID userId, String userEmail, OffsetDateTime createdAt) {
        this(id, appId, version, buildId, image, processTypes, config, description, userId, userEmail, createdAt,
                Map.of());
    }

    public boolean hasBuild() {
        return image != null;
    }
}
