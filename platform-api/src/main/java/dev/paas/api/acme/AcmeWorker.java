package dev.paas.api.acme;

import dev.paas.api.cert.CertificateCheck;
import dev.paas.api.cert.CertificateRepository;
import dev.paas.api.cert.SecretBox;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ACM apps' custom domains certified: every interval (and when woken), orders a certificate for each domain
 * {@link AcmePlan} says is due, one at a time, publishing HTTP-01 answers in routers' feed meanwhile. A success
 * stores the certificate (its key sealed) and marks the domain ok; a failure marks it failing, then failed.
 */
public final class AcmeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeWorker.class);
    private final Transactions transactions;
    private final AcmeRepository acme;
    private final CertificateRepository certificates;
    private final SecretBox secrets;
    private final CertificateIssuer issuer;
    private final AcmeConfig config;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "acme-worker");
        t.setDaemon(true);
        return t;
    });

    AcmeWorker(Transactions transactions, AcmeRepository acme, CertificateRepository certificates, SecretBox secrets,
               CertificateIssuer issuer, AcmeConfig config, Clock clock) {
        this.transactions = transactions;
        this.acme = acme;
        this.certificates = certificates;
        this.secrets = secrets;
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
    }

    /** The worker for {@code config}'s directory, its account key kept (sealed) in the database. */
    public static AcmeWorker create(Transactions transactions, CertificateRepository certificates, SecretBox secrets,
                                    AcmeConfig config) {
        var acme = new AcmeRepository();
        var holder = new AccountKeys(transactions, acme, secrets, config.directoryUrl().toString());
        return new AcmeWorker(transactions, acme, certificates, secrets, new Acme4jIssuer(config, holder::get), config,
                Clock.systemUTC());
    }

    public AcmeWorker start() {
        long millis = config.interval().toMillis();
        thread.scheduleWithFixedDelay(this::passSafely, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A pass soon, not at the next interval: ACM was just turned on or retried. */
    public void wake() {
        thread.execute(this::passSafely);
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("ACME pass failed; next pass in {}: {}", config.interval(), e.toString());
        }
    }

    void pass() {
        if (!secrets.configured()) {
            return;
        }
        removeOrphans();
        for (var domain : AcmePlan.due(acme.states(transactions.dsl()), clock.instant())) {
            order(domain);
        }
    }

    private void removeOrphans() {
        for (var id : acme.orphanCertificates(transactions.dsl())) {
            transactions.run(tx -> certificates.delete(tx.dsl(), id));
        }
    }

    private void order(AcmePlan.DomainState domain) {
        // acme4j reads and writes PEM keys through BouncyCastle by provider name: registered at the first order.
        dev.paas.api.cert.BouncyCastle.registerLast();
        transactions.run(tx -> acme.upsertPending(tx.dsl(), domain.domainId(), domain.appId()));
        CertificateIssuer.Issued issued;
        try {
            issued = issuer.issue(domain.hostname(), board(domain));
        } catch (CertificateIssuer.IssueFailure e) {
            var failure = AcmePlan.failure(domain.attempts(), config.maxAttempts(), config.retry(), clock.instant());
            LOG.warn("ACME order failed: {} hostname={} app={} status={} attempts={}", e.getMessage(),
                    domain.hostname(), domain.appId(), failure.status().wire(), failure.attempts());
            transactions.run(tx -> acme.markFailure(tx.dsl(), domain.domainId(), failure, e.getMessage()));
            return;
        }
        var checked = CertificateCheck.issued(issued.chain(), issued.key().getPrivate());
        byte[] sealed = secrets.seal(checked.keyPem());
        transactions.run(tx -> {
            var existing = acme.certificateOf(tx.dsl(), domain.domainId());
            java.util.UUID id;
            if (existing.isPresent()) {
                certificates.replace(tx.dsl(), existing.get(), checked, sealed);
                id = existing.get();
            } else {
                id = certificates.insert(tx.dsl(), domain.appId(), "acm-" + domain.hostname(), "acm", checked,
                        sealed).id();
            }
            acme.markOk(tx.dsl(), domain.domainId(), id);
            tx.announce(domain.appId(), EventKind.TLS_CHANGED, Map.of("certificate", "acm-" + domain.hostname(),
                    "action", existing.isPresent() ? "renewed" : "issued"));
        });
        LOG.info("ACME certificate issued hostname={} app={} not_after={}", domain.hostname(), domain.appId(),
                checked.notAfter());
    }

    private CertificateIssuer.ChallengeBoard board(AcmePlan.DomainState domain) {
        return new CertificateIssuer.ChallengeBoard() {
            @Override
            public void publish(String token, String keyAuthorization) {
                // Committed and announced before the CA is told to look: routers fetch it on tls.changed.
                transactions.run(tx -> {
                    acme.putChallenge(tx.dsl(), token, keyAuthorization, domain.domainId());
                    tx.announce(domain.appId(), EventKind.TLS_CHANGED, Map.of("challenge", domain.hostname()));
                });
            }

            @Override
            public void withdraw(String token) {
                transactions.run(tx -> {
                    if (acme.removeChallenge(tx.dsl(), token) > 0) {
                        tx.announce(domain.appId(), EventKind.TLS_CHANGED, Map.of("challenge", domain.hostname()));
                    }
                });
            }
        };
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** The account key for one directory: made once, kept sealed, then read back (the first stored wins). */
    private record AccountKeys(Transactions transactions, AcmeRepository acme, SecretBox secrets, String directory) {
        KeyPair get() {
            var stored = acme.accountKey(transactions.dsl(), directory);
            if (stored.isEmpty()) {
                var writer = new StringWriter();
                try {
                    KeyPairUtils.writeKeyPair(KeyPairUtils.createECKeyPair("secp256r1"), writer);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot encode a new ACME account key", e);
                }
                byte[] sealed = secrets.seal(writer.toString());
                transactions.run(tx -> acme.putAccountKey(tx.dsl(), directory, sealed));
                stored = acme.accountKey(transactions.dsl(), directory);
            }
            try {
                return KeyPairUtils.readKeyPair(new StringReader(secrets.open(stored.orElseThrow())));
            } catch (IOException e) {
                throw new IllegalStateException("the stored ACME account key cannot be read", e);
            }
        }
    }
}
