package dev.paas.api.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A hostname routed to an app: its default one ({@code heroku} kind) or a custom one. */
public record DomainRow(UUID id, UUID appId, String hostname, String kind, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
}
