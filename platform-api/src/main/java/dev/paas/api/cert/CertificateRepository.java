package dev.paas.api.cert;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Certificates;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Certificates of apps; names are unique platform-wide, as Heroku's SNI endpoint names. */
public final class CertificateRepository {

    public CertificateRow insert(DSLContext tx, UUID appId, String name, String source, CheckedCertificate cert,
                                 byte[] keySealed) {
        var id = UUID.randomUUID();
        tx.insertInto(Certificates.T)
                .set(Certificates.ID, id).set(Certificates.APP_ID, appId).set(Certificates.NAME, name)
                .set(Certificates.SOURCE, source).set(Certificates.CHAIN_PEM, cert.chainPem())
                .set(Certificates.KEY_SEALED, keySealed)
                .set(Certificates.CERT_DOMAINS, cert.certDomains().toArray(String[]::new))
                .set(Certificates.SUBJECT, cert.subject()).set(Certificates.ISSUER, cert.issuer())
                .set(Certificates.SELF_SIGNED, cert.selfSigned())
                .set(Certificates.CA_SIGNED, cert.caSigned())
                .set(Certificates.NOT_BEFORE, cert.notBefore().atOffset(ZoneOffset.UTC))
                .set(Certificates.NOT_AFTER, cert.notAfter().atOffset(ZoneOffset.UTC))
                .execute();
        return find(tx, appId, id.toString()).orElseThrow();
    }

    public void replace(DSLContext tx, UUID id, CheckedCertificate cert, byte[] keySealed) {
        tx.update(Certificates.T)
                .set(Certificates.CHAIN_PEM, cert.chainPem()).set(Certificates.KEY_SEALED, keySealed)
                .set(Certificates.CERT_DOMAINS, cert.certDomains().toArray(String[]::new))
                .set(Certificates.SUBJECT, cert.subject()).set(Certificates.ISSUER, cert.issuer())
                .set(Certificates.SELF_SIGNED, cert.selfSigned())
                .set(Certificates.CA_SIGNED, cert.caSigned())
                .set(Certificates.NOT_BEFORE, cert.notBefore().atOffset(ZoneOffset.UTC))
                .set(Certificates.NOT_AFTER, cert.notAfter().atOffset(ZoneOffset.UTC))
                .set(Certificates.UPDATED_AT, OffsetDateTime.now())
                .where(Certificates.ID.eq(id)).execute();
    }

    public Optional<CertificateRow> find(DSLContext dsl, UUID appId, String nameOrId) {
        return dsl.select(Certificates.T.fields()).from(Certificates.T)
                .where(Certificates.APP_ID.eq(appId)).and(identifiedBy(nameOrId))
                .fetchOptional(CertificateRepository::row);
    }

    public List<CertificateRow> list(DSLContext dsl, UUID appId) {
        return dsl.select(Certificates.T.fields()).from(Certificates.T).where(Certificates.APP_ID.eq(appId))
                .orderBy(Certificates.NAME).fetch(CertificateRepository::row);
    }

    /** Certificates of live apps, for routers. */
    List<CertificateRow> live(DSLContext dsl) {
        return dsl.select(Certificates.T.fields()).from(Certificates.T)
                .join(Apps.T).on(Apps.ID.eq(Certificates.APP_ID))
                .where(Apps.DESTROYED_AT.isNull()).orderBy(Certificates.CREATED_AT, Certificates.ID)
                .fetch(CertificateRepository::row);
    }

    public void delete(DSLContext tx, UUID id) {
        tx.deleteFrom(Certificates.T).where(Certificates.ID.eq(id)).execute();
    }

    private static Condition identifiedBy(String nameOrId) {
        try {
            return Certificates.ID.eq(UUID.fromString(nameOrId));
        } catch (IllegalArgumentException notAUuid) {
            return Certificates.NAME.eq(nameOrId);
        }
    }

    private static CertificateRow row(Record r) {
        return new CertificateRow(r.get(Certificates.ID), r.get(Certificates.APP_ID), r.get(Certificates.NAME),
                r.get(Certificates.SOURCE), r.get(Certificates.CHAIN_PEM), r.get(Certificates.KEY_SEALED),
                List.of(r.get(Certificates.CERT_DOMAINS)), r.get(Certificates.SUBJECT), r.get(Certificates.ISSUER),
                r.get(Certificates.SELF_SIGNED), r.get(Certificates.CA_SIGNED), r.get(Certificates.NOT_BEFORE), r.get(Certificates.NOT_AFTER),
                r.get(Certificates.CREATED_AT), r.get(Certificates.UPDATED_AT));
    }
}
