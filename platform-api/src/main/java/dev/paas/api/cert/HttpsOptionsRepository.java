package dev.paas.api.cert;

import static dev.paas.api.db.Schema.Apps;

import dev.paas.client.Wire;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;

/** An app's HTTPS columns: acm, https_redirect, hsts. */
public final class HttpsOptionsRepository {

    public Wire.HttpsOptions find(DSLContext dsl, UUID appId) {
        return dsl.select(Apps.ACM, Apps.HTTPS_REDIRECT, Apps.HSTS).from(Apps.T).where(Apps.ID.eq(appId))
                .fetchOne(r -> new Wire.HttpsOptions(r.get(Apps.ACM), r.get(Apps.HTTPS_REDIRECT), r.get(Apps.HSTS)));
    }

    void update(DSLContext tx, UUID appId, boolean redirectHttp, boolean hsts) {
        tx.update(Apps.T).set(Apps.HTTPS_REDIRECT, redirectHttp).set(Apps.HSTS, hsts)
                .set(Apps.UPDATED_AT, OffsetDateTime.now()).where(Apps.ID.eq(appId)).execute();
    }

    public void setAcm(DSLContext tx, UUID appId, boolean acm) {
        tx.update(Apps.T).set(Apps.ACM, acm).set(Apps.UPDATED_AT, OffsetDateTime.now()).where(Apps.ID.eq(appId))
                .execute();
    }
}
