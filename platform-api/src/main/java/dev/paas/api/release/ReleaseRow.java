package dev.paas.api.release;

import dev.paas.client.ReleaseStatus;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an app's append-only release ledger, with its outcome: {@code reason} says why it failed,
 * {@code phaseDyno} is N of the one-off {@code release.N} that ran its release phase (null without one).
 */
public record ReleaseRow(UUID id, UUID appId, int version, UUID buildId, String image,
                         Map<String, String> processTypes, Map<String, String> config, String description,
                         UUID userId, String userEmail, OffsetDateTime createdAt, ReleaseStatus status,
                         String reason, Integer phaseDyno,
                         java.util.Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> healthchecks) {

    public ReleaseRow(UUID id, UUID appId, int version, UUID buildId, String image,
                      Map<String, String> processTypes, Map<String, String> config, String description,
                      UUID userId, String userEmail, OffsetDateTime createdAt, ReleaseStatus status,
                      String reason, Integer phaseDyno) {
        this(id, appId, version, buildId, image, processTypes, config, description, userId, userEmail, createdAt,
                status, reason, phaseDyno, Map.of());
    }

    public boolean hasBuild() {
        return image != null;
    }

    /** The one-off that ran its release phase ({@code release.3}), null without one. */
    public String phaseDynoName() {
        return phaseDyno == null ? null : dev.paas.client.ProcessTypes.RELEASE + "." + phaseDyno;
    }
}
