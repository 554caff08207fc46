package dev.paas.api.drain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A log drain: where an app's log is forwarded, and how far delivery has come. */
record DrainRow(UUID id, UUID appId, String url, String token, long deliveredId, long dropped,
                OffsetDateTime droppedSince, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
