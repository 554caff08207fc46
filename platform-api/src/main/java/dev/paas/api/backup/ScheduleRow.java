package dev.paas.api.backup;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A daily capture of an add-on at {@code hourUtc}, keeping {@code retain} scheduled backups. */
record ScheduleRow(UUID addonId, String addonName, UUID appId, String appName, int hourUtc, int retain,
                   OffsetDateTime createdAt) {
}
