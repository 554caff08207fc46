package dev.paas.api.acme;

import static dev.paas.api.db.Schema.AcmDomains;
import static dev.paas.api.db.Schema.AcmeAccounts;
import static dev.paas.api.db.Schema.AcmeChallenges;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Certificates;
import static dev.paas.api.db.Schema.Domains;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** ACM's state per domain, pending HTTP-01 answers, and the platform's ACME account key. */
final class AcmeRepository {

    /** Every custom domain of a live app with ACM on, with its ACM state and certificate's expiry. */
    List<AcmePlan.DomainState> states(DSLContext dsl) {
        return dsl.select(Domains.ID, Domains.APP_ID, Domains.HOSTNAME, AcmDomains.STATUS, AcmDomains.ATTEMPTS,
                        AcmDomains.NEXT_ATTEMPT_AT, Certificates.NOT_AFTER)
                .from(Domains.T).join(Apps.T).on(Apps.ID.eq(Domains.APP_ID))
                .leftJoin(AcmDomains.T).on(AcmDomains.DOMAIN_ID.eq(Domains.ID))
                .leftJoin(Certificates.T).on(Certificates.ID.eq(AcmDomains.CERTIFICATE_ID))
                .where(Apps.DESTROYED_AT.isNull()).and(Apps.ACM.isTrue()).and(Domains.KIND.eq("custom"))
                .orderBy(Domains.HOSTNAME)
                .fetch(r -> new AcmePlan.DomainState(r.get(Domains.ID), r.get(Domains.APP_ID),
                        r.get(Domains.HOSTNAME), r.get(AcmDomains.STATUS) == null ? null
                        : AcmStatus.of(r.get(AcmDomains.STATUS)),
                        r.get(AcmDomains.ATTEMPTS) == null ? 0 : r.get(AcmDomains.ATTEMPTS),
                        instant(r.get(AcmDomains.NEXT_ATTEMPT_AT)), instant(r.get(Certificates.NOT_AFTER))));
    }

    /** A row for each custom domain of the app that has none yet: pending, due now. */
    void addPending(DSLContext tx, UUID appId) {
        tx.insertInto(AcmDomains.T, AcmDomains.DOMAIN_ID, AcmDomains.APP_ID, AcmDomains.STATUS)
                .select(tx.select(Domains.ID, Domains.APP_ID, org.jooq.impl.DSL.inline("pending"))
                        .from(Domains.T).where(Domains.APP_ID.eq(appId)).and(Domains.KIND.eq("custom")))
                .onConflictDoNothing().execute();
    }

    void upsertPending(DSLContext tx, UUID domainId, UUID appId) {
        tx.insertInto(AcmDomains.T).set(AcmDomains.DOMAIN_ID, domainId).set(AcmDomains.APP_ID, appId)
                .set(AcmDomains.STATUS, "pending").onConflictDoNothing().execute();
    }

    /** Failed domains of the app are tried again from the start (Heroku's certs:auto:refresh). */
    int refresh(DSLContext tx, UUID appId) {
        return tx.update(AcmDomains.T).set(AcmDomains.STATUS, "pending").set(AcmDomains.ATTEMPTS, 0)
                .set(AcmDomains.REASON, (String) null).set(AcmDomains.NEXT_ATTEMPT_AT, OffsetDateTime.now())
                .set(AcmDomains.UPDATED_AT, OffsetDateTime.now())
                .where(AcmDomains.APP_ID.eq(appId)).and(AcmDomains.STATUS.in("failed", "failing")).execute();
    }

    void removeAll(DSLContext tx, UUID appId) {
        tx.deleteFrom(AcmDomains.T).where(AcmDomains.APP_ID.eq(appId)).execute();
        tx.deleteFrom(Certificates.T).where(Certificates.APP_ID.eq(appId)).and(Certificates.SOURCE.eq("acm"))
                .execute();
    }

    Optional<UUID> certificateOf(DSLContext dsl, UUID domainId) {
        return dsl.select(AcmDomains.CERTIFICATE_ID).from(AcmDomains.T).where(AcmDomains.DOMAIN_ID.eq(domainId))
                .fetchOptional(AcmDomains.CERTIFICATE_ID).filter(java.util.Objects::nonNull);
    }

    void markOk(DSLContext tx, UUID domainId, UUID certificateId) {
        tx.update(AcmDomains.T).set(AcmDomains.STATUS, "ok").set(AcmDomains.REASON, (String) null)
                .set(AcmDomains.ATTEMPTS, 0).set(AcmDomains.CERTIFICATE_ID, certificateId)
                .set(AcmDomains.UPDATED_AT, OffsetDateTime.now()).where(AcmDomains.DOMAIN_ID.eq(domainId)).execute();
    }

    void markFailure(DSLContext tx, UUID domainId, AcmePlan.Failure failure, String reason) {
        tx.update(AcmDomains.T).set(AcmDomains.STATUS, failure.status().wire()).set(AcmDomains.REASON, reason)
                .set(AcmDomains.ATTEMPTS, failure.attempts())
                .set(AcmDomains.NEXT_ATTEMPT_AT, failure.nextAttemptAt().atOffset(ZoneOffset.UTC))
                .set(AcmDomains.UPDATED_AT, OffsetDateTime.now()).where(AcmDomains.DOMAIN_ID.eq(domainId)).execute();
    }

    /** ACM certificates whose domain is gone (removed, or ACM turned off meanwhile). */
    List<UUID> orphanCertificates(DSLContext dsl) {
        return dsl.select(Certificates.ID).from(Certificates.T).where(Certificates.SOURCE.eq("acm"))
                .andNotExists(dsl.selectOne().from(AcmDomains.T)
                        .where(AcmDomains.CERTIFICATE_ID.eq(Certificates.ID)))
                .fetch(Certificates.ID);
    }

    void putChallenge(DSLContext tx, String token, String keyAuthorization, UUID domainId) {
        tx.insertInto(AcmeChallenges.T).set(AcmeChallenges.TOKEN, token)
                .set(AcmeChallenges.KEY_AUTHORIZATION, keyAuthorization).set(AcmeChallenges.DOMAIN_ID, domainId)
                .onConflict(AcmeChallenges.TOKEN).doUpdate()
                .set(AcmeChallenges.KEY_AUTHORIZATION, keyAuthorization).execute();
    }

    int removeChallenge(DSLContext tx, String token) {
        return tx.deleteFrom(AcmeChallenges.T).where(AcmeChallenges.TOKEN.eq(token)).execute();
    }

    Optional<byte[]> accountKey(DSLContext dsl, String directoryUrl) {
        return dsl.select(AcmeAccounts.KEY_SEALED).from(AcmeAccounts.T)
                .where(AcmeAccounts.DIRECTORY_URL.eq(directoryUrl)).fetchOptional(AcmeAccounts.KEY_SEALED);
    }

    /** Keeps the first key stored for the directory: two workers starting at once end up with one account. */
    void putAccountKey(DSLContext tx, String directoryUrl, byte[] sealed) {
        tx.insertInto(AcmeAccounts.T).set(AcmeAccounts.DIRECTORY_URL, directoryUrl)
                .set(AcmeAccounts.KEY_SEALED, sealed).onConflictDoNothing().execute();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
