package dev.paas.api.cert;

import dev.paas.api.app.AppRow;
import dev.paas.api.domain.DomainRepository;
import dev.paas.api.domain.DomainRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.error.Constraints;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Certificates users upload for their apps' domains (Heroku's SNI endpoints). */
public final class CertificateService {
    private static final String NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private final Transactions transactions;
    private final CertificateRepository certificates;
    private final DomainRepository domains;
    private final SecretBox secrets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateService(Transactions transactions, CertificateRepository certificates, DomainRepository domains,
                              SecretBox secrets, Clock clock) {
        this.transactions = transactions;
        this.certificates = certificates;
        this.domains = domains;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A certificate with the app's hostnames it covers. */
    public record Covering(CertificateRow certificate, List<String> hostnames) {
    }

    public List<Covering> list(AppRow app) {
        var dsl = transactions.dsl();
        var hostnames = hostnames(dsl, app);
        return certificates.list(dsl, app.id()).stream().map(c -> covering(c, hostnames)).toList();
    }

    Covering show(AppRow app, String nameOrId) {
        var dsl = transactions.dsl();
        return covering(require(dsl, app, nameOrId), hostnames(dsl, app));
    }

    public Covering create(AppRow app, String chainPem, String keyPem) {
        var checked = check(chainPem, keyPem);
        byte[] sealed = secrets.seal(checked.keyPem());
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.result(tx -> {
                    var hostnames = coveredOrRefuse(tx.dsl(), app, checked);
                    var row = certificates.insert(tx.dsl(), app.id(), name(app), "uploaded", checked, sealed);
                    tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("certificate", row.name(), "action", "added"));
                    return new Covering(row, hostnames);
                });
            } catch (DataAccessException e) {
                // Two uploads drew the same name: draw again (the unique index decides).
                if (Constraints.uniqueViolation(e).isEmpty() || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    Covering update(AppRow app, String nameOrId, String chainPem, String keyPem) {
        var checked = check(chainPem, keyPem);
        byte[] sealed = secrets.seal(checked.keyPem());
        return transactions.result(tx -> {
            var row = requireUploaded(tx.dsl(), app, nameOrId, "replaced");
            var hostnames = coveredOrRefuse(tx.dsl(), app, checked);
            certificates.replace(tx.dsl(), row.id(), checked, sealed);
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("certificate", row.name(), "action", "updated"));
            return new Covering(certificates.find(tx.dsl(), app.id(), row.id().toString()).orElseThrow(), hostnames);
        });
    }

    public Covering delete(AppRow app, String nameOrId) {
        return transactions.result(tx -> {
            var row = requireUploaded(tx.dsl(), app, nameOrId, "removed");
            var covering = covering(row, hostnames(tx.dsl(), app));
            certificates.delete(tx.dsl(), row.id());
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("certificate", row.name(), "action", "removed"));
            return covering;
        });
    }

    /**
     * Heroku's "associate this domain with that certificate": here a certificate serves every domain of its app
     * it covers, so this only checks that it does (and that both are the app's).
     */
    Covering associate(AppRow app, String hostnameOrId, String nameOrId) {
        var dsl = transactions.dsl();
        var domain = domains.find(dsl, app.id(), hostnameOrId).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find domain " + hostnameOrId + " on " + app.name() + ". See `paas domains`."));
        if (nameOrId == null) {
            throw ApiFailure.invalid("Give 'sni_endpoint': the name of the certificate for " + domain.hostname()
                    + " (see `paas certs`).");
        }
        var covering = covering(require(dsl, app, nameOrId), List.of(domain.hostname()));
        if (covering.hostnames().isEmpty()) {
            throw ApiFailure.invalid("Certificate " + covering.certificate().name() + " is for "
                    + String.join(", ", covering.certificate().certDomains()) + ", not " + domain.hostname() + ".");
        }
        return covering;
    }

    private CheckedCertificate check(String chainPem, String keyPem) {
        secrets.requireConfigured();
        return CertificateCheck.check(chainPem, keyPem, clock.instant());
    }

    private List<String> coveredOrRefuse(DSLContext tx, AppRow app, CheckedCertificate cert) {
        var appHostnames = hostnames(tx, app);
        var covered = appHostnames.stream().filter(h -> CertificateCheck.covers(cert.certDomains(), h)).toList();
        if (covered.isEmpty()) {
            throw ApiFailure.invalid("The certificate is for " + String.join(", ", cert.certDomains()) + ", none of "
                    + "which is a domain of " + app.name() + " (" + String.join(", ", appHostnames) + "). Add the "
                    + "domain first with `paas domains:add HOSTNAME`.");
        }
        return covered;
    }

    private List<String> hostnames(DSLContext dsl, AppRow app) {
        return domains.all(dsl, app.id()).stream().map(DomainRow::hostname).toList();
    }

    private static Covering covering(CertificateRow row, List<String> hostnames) {
        return new Covering(row, hostnames.stream().filter(h -> CertificateCheck.covers(row.certDomains(), h))
                .toList());
    }

    private CertificateRow require(DSLContext dsl, AppRow app, String nameOrId) {
        return certificates.find(dsl, app.id(), nameOrId).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find certificate " + nameOrId + " on " + app.name() + ". See `paas certs`."));
    }

    private CertificateRow requireUploaded(DSLContext dsl, AppRow app, String nameOrId, String verb) {
        var row = require(dsl, app, nameOrId);
        if (row.acm()) {
            throw ApiFailure.invalid("Certificate " + row.name() + " is managed automatically (ACM) and cannot be "
                    + verb + " by hand: turn ACM off with `paas certs:auto:disable` first.");
        }
        return row;
    }

    private String name(AppRow app) {
        var suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(NAME_LETTERS.charAt(random.nextInt(NAME_LETTERS.length())));
        }
        return app.name() + "-" + suffix;
    }
}
