package dev.paas.api.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A hostname routed to an app: its default one ({@code heroku} kind) or a custom one; with ACM on, its certificate's
 * status (Heroku's acm_status: pending, ok, failing, failed) and why (null otherwise).
 */
public record DomainRow(UUID id, UUID appId, String hostname, String kind, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt, String acmStatus, String acmStatusReason) {
}
