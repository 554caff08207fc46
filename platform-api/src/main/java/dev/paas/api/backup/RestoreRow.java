package dev.paas.api.backup;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A restore as stored; the backup's fields are null once it was deleted. */
record RestoreRow(UUID id, UUID backupId, Integer backupNumber, UUID sourceAddonId, String sourceAddonName,
                  UUID targetAddonId, String targetAddonName, String state, String reason, int attempts,
                  OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    String backupName() {
        return backupNumber == null ? null : String.format("b%03d", backupNumber);
    }
}
