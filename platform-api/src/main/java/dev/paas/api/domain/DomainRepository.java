package dev.paas.api.domain;

import static dev.paas.api.db.Schema.Domains;

import dev.paas.api.db.Schema.AcmDomains;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Hostnames; the unique index on hostname makes each belong to one app only. */
public final class DomainRepository {
    private static final Map<String, org.jooq.Field<?>> SORT_KEYS = Map.of("hostname", Domains.HOSTNAME, "id", Domains.ID);

    /** Inserts, or returns empty when the hostname is taken (by any app). */
    public Optional<DomainRow> insert(DSLContext tx, UUID appId, String hostname, String kind) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(Domains.T)
                .set(Domains.ID, id).set(Domains.APP_ID, appId).set(Domains.HOSTNAME, hostname).set(Domains.KIND, kind)
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? Optional.of(find(tx, appId, id.toString()).orElseThrow()) : Optional.empty();
    }

    public Optional<DomainRow> find(DSLContext dsl, UUID appId, String hostnameOrId) {
        return base(dsl).where(Domains.APP_ID.eq(appId)).and(identifiedBy(hostnameOrId))
                .fetchOptional(DomainRepository::row);
    }

    Seek.Page<DomainRow> list(DSLContext dsl, UUID appId, Seek seek) {
        return seek.fetch(base(dsl).where(Domains.APP_ID.eq(appId)), SORT_KEYS,
                DomainRepository::row);
    }

    /** Every hostname of an app, for matching certificates against. */
    public java.util.List<DomainRow> all(DSLContext dsl, UUID appId) {
        return base(dsl).where(Domains.APP_ID.eq(appId)).orderBy(Domains.HOSTNAME)
                .fetch(DomainRepository::row);
    }

    public void delete(DSLContext tx, UUID domainId) {
        tx.deleteFrom(Domains.T).where(Domains.ID.eq(domainId)).execute();
    }

    public void deleteAll(DSLContext tx, UUID appId) {
        tx.deleteFrom(Domains.T).where(Domains.APP_ID.eq(appId)).execute();
    }

    private static Condition identifiedBy(String hostnameOrId) {
        try {
            return Domains.ID.eq(UUID.fromString(hostnameOrId));
        } catch (IllegalArgumentException notAUuid) {
            return Domains.HOSTNAME.eq(hostnameOrId.trim().toLowerCase());
        }
    }

    /** Domains with their ACM status, when the app has ACM on and the worker has seen them. */
    private static org.jooq.SelectOnConditionStep<Record> base(DSLContext dsl) {
        return dsl.select(java.util.List.of(Domains.ID, Domains.APP_ID, Domains.HOSTNAME, Domains.KIND,
                        Domains.CREATED_AT, Domains.UPDATED_AT, AcmDomains.STATUS, AcmDomains.REASON,
                        AcmDomains.UPDATED_AT))
                .from(Domains.T).leftJoin(AcmDomains.T).on(AcmDomains.DOMAIN_ID.eq(Domains.ID));
    }

    private static DomainRow row(Record r) {
        var acmUpdated = r.get(AcmDomains.UPDATED_AT);
        var updated = r.get(Domains.UPDATED_AT);
        return new DomainRow(r.get(Domains.ID), r.get(Domains.APP_ID), r.get(Domains.HOSTNAME), r.get(Domains.KIND),
                r.get(Domains.CREATED_AT), acmUpdated != null && acmUpdated.isAfter(updated) ? acmUpdated : updated,
                r.get(AcmDomains.STATUS), r.get(AcmDomains.REASON));
    }

    static ApiFailure taken(String hostname) {
        return ApiFailure.conflict("Domain " + hostname + " is already in use by an app. A hostname belongs to one "
                + "app only: remove it there first.");
    }
}
