package dev.paas.api.release;

import java.util.Map;
import java.util.UUID;

/** What a new release will hold; the ledger gives it its version. */
public record Draft(UUID buildId, String image, Map<String, String> processTypes, Map<String, String> config,
                    String description, UUID userId, java.util.Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> healthchecks) {

    public Draft(UUID buildId, String image, Map<String, String> processTypes, Map<String, String> config,
                 String description, UUID userId) {
        this(buildId, image, processTypes, config, description, userId, Map.of());
    }

    /** The same build as {@code base} with another config. */
    public static Draft withConfig(ReleaseRow base, Map<String, String> config, String description, UUID userId) {
        return new Draft(base.buildId(), base.image(), base.processTypes(), config, description, userId,
                base.healthchecks());
    }
}
