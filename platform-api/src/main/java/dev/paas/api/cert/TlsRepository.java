package dev.paas.api.cert;

import static dev.paas.api.db.Schema.AcmeChallenges;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Domains;

import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** What routers' HTTPS feed reads besides certificates: live apps' hostnames and options, pending challenges. */
final class TlsRepository {

    Map<UUID, List<String>> hostnamesByApp(DSLContext dsl) {
        return dsl.select(Domains.APP_ID, Domains.HOSTNAME).from(Domains.T).join(Apps.T).on(Apps.ID.eq(Domains.APP_ID))
                .where(Apps.DESTROYED_AT.isNull()).orderBy(Domains.HOSTNAME)
                .fetchGroups(Domains.APP_ID, Domains.HOSTNAME);
    }

    /** Apps with ACM on. */
    List<UUID> acmApps(DSLContext dsl) {
        return dsl.select(Apps.ID).from(Apps.T).where(Apps.DESTROYED_AT.isNull()).and(Apps.ACM.isTrue())
                .fetch(Apps.ID);
    }

    /** Live apps with an option on; every other app has both off. */
    List<Wire.HttpsPolicy> policies(DSLContext dsl) {
        return dsl.select(Apps.ID, Apps.HTTPS_REDIRECT, Apps.HSTS).from(Apps.T).where(Apps.DESTROYED_AT.isNull())
                .and(Apps.HTTPS_REDIRECT.isTrue().or(Apps.HSTS.isTrue())).orderBy(Apps.ID)
                .fetch(r -> new Wire.HttpsPolicy(r.get(Apps.ID), r.get(Apps.HTTPS_REDIRECT), r.get(Apps.HSTS)));
    }

    Map<String, String> challenges(DSLContext dsl) {
        return dsl.select(AcmeChallenges.TOKEN, AcmeChallenges.KEY_AUTHORIZATION).from(AcmeChallenges.T)
                .fetch().stream().collect(Collectors.toMap(r -> r.get(AcmeChallenges.TOKEN),
                        r -> r.get(AcmeChallenges.KEY_AUTHORIZATION), (a, b) -> a, java.util.TreeMap::new));
    }
}
