package dev.paas.api.backup;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A backup as stored, with its add-on's name and owning app. */
record BackupRow(UUID id, UUID addonId, String addonName, UUID appId, String appName, int number, String kind,
                 String state, String reason, Long sizeBytes, String sourceName, int attempts, OffsetDateTime createdAt,
                 OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    static final String CAPTURE = "capture";
    static final String SCHEDULED = "scheduled";

    /** b001, b002...: Heroku's names. */
    String name() {
        return String.format("b%03d", number);
    }

    boolean completed() {
        return JobState.COMPLETED.equals(state);
    }

    boolean finished() {
        return JobState.COMPLETED.equals(state) || JobState.FAILED.equals(state);
    }
}
