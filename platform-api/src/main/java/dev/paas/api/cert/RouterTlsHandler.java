package dev.paas.api.cert;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /router/tls}: every certificate routers serve (with its private key), the answers to pending ACME
 * challenges and apps' HTTPS options. Admin tokens only: it holds every app's keys.
 */
public final class RouterTlsHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RouterTlsHandler.class);
    private final DSLContext dsl;
    private final CertificateRepository certificates;
    private final TlsRepository tls = new TlsRepository();
    private final SecretBox secrets;
    private final Clock clock;

    public RouterTlsHandler(DSLContext dsl, CertificateRepository certificates, SecretBox secrets, Clock clock) {
        this.dsl = dsl;
        this.certificates = certificates;
        this.secrets = secrets;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.get("/router/tls", this::feed));
    }

    void feed(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may read routers' certificates and keys.");
        }
        ctx.json(read());
    }

    Wire.RouterTls read() {
        // One snapshot: a certificate and the hostnames it covers are read as of the same moment.
        return dsl.transactionResult(cfg -> {
            var db = cfg.dsl();
            db.execute("set transaction isolation level repeatable read, read only");
            var rows = certificates.live(db);
            var hostnames = tls.hostnamesByApp(db);
            var acmApps = new HashSet<>(tls.acmApps(db));
            var candidates = rows.stream().map(c -> new TlsFeed.Candidate(c.id(), c.appId(), c.acm(),
                    c.certDomains(), c.notAfter().toInstant(), hostnames.getOrDefault(c.appId(), List.of()),
                    acmApps.contains(c.appId()))).toList();
            var served = TlsFeed.assign(candidates, clock.instant());
            List<Wire.TlsCertificate> out = new ArrayList<>();
            for (var c : rows) {
                var names = served.get(c.id());
                if (names == null) {
                    continue;
                }
                String key;
                try {
                    key = secrets.open(c.keySealed());
                } catch (RuntimeException e) {
                    // One unreadable key must not take every other app's HTTPS down.
                    LOG.warn("certificate left out of the router feed: {} certificate={} app={}", e.getMessage(),
                            c.name(), c.appId());
                    continue;
                }
                out.add(new Wire.TlsCertificate(c.id().toString(), names, c.chainPem(), key,
                        c.notAfter().toInstant()));
            }
            return new Wire.RouterTls(out, tls.challenges(db), tls.policies(db));
        });
    }
}
