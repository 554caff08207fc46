package dev.paas.api.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/** Orders certificates from an ACME directory with acme4j: one order per hostname, HTTP-01, an EC P-256 key each. */
final class Acme4jIssuer implements CertificateIssuer {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final AcmeConfig config;
    private final Supplier<KeyPair> accountKey;
    private final Optional<SSLContext> tls;

    Acme4jIssuer(AcmeConfig config, Supplier<KeyPair> accountKey) {
        this.config = config;
        this.accountKey = accountKey;
        this.tls = config.caFile().map(Acme4jIssuer::trusting);
    }

    @Override
    public Issued issue(String hostname, ChallengeBoard board) throws IssueFailure {
        List<String> published = new ArrayList<>();
        try {
            var session = tls.isPresent() ? new Session(config.directoryUrl(), new TrustingProvider(tls.get()))
                    : new Session(config.directoryUrl());
            var builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey.get());
            config.email().ifPresent(builder::addEmail);
            var account = builder.create(session);
            var order = account.newOrder().domains(hostname).create();
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() == Status.VALID) {
                    continue;
                }
                Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow(() ->
                        new IssueFailure("the CA offers no HTTP-01 challenge for " + hostname, null));
                board.publish(challenge.getToken(), challenge.getAuthorization());
                published.add(challenge.getToken());
                challenge.trigger();
                if (challenge.waitForCompletion(WAIT) != Status.VALID) {
                    throw new IssueFailure("the CA could not validate " + hostname + " over HTTP: " + challenge
                            .getError().map(p -> p.getDetail().orElse(p.toString())).orElse("no reason given")
                            + ". Point the domain's DNS at the router, reachable on port 80.", null);
                }
            }
            KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
            order.execute(domainKey);
            if (order.waitForCompletion(WAIT) != Status.VALID) {
                throw new IssueFailure("the CA did not complete the order for " + hostname + ": "
                        + order.getError().map(p -> p.getDetail().orElse(p.toString())).orElse("no reason given"),
                        null);
            }
            return new Issued(order.getCertificate().getCertificateChain(), domainKey);
        } catch (AcmeException e) {
            throw new IssueFailure("the ACME directory " + config.directoryUrl() + " refused or failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssueFailure("interrupted while waiting for the CA", e);
        } finally {
            published.forEach(board::withdraw);
        }
    }

    /** The JDK's roots plus the configured CA. */
    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("acme-ca-" + i++, cert);
            }
            var defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            var extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            extra.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new EitherTrustManager(
                    (javax.net.ssl.X509TrustManager) defaults.getTrustManagers()[0],
                    (javax.net.ssl.X509TrustManager) extra.getTrustManagers()[0])}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("PAAS_ACME_CA_FILE " + caFile + " holds no usable PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    /** A generic ACME provider whose HTTP client trusts the configured CA too. */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext tls;

        TrustingProvider(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public java.net.http.HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(tls);
                }
            };
        }

        @Override
        public boolean accepts(URI server) {
            return true;
        }
    }

    /** Trusts what either the JDK's roots or the configured CA trust. */
    private record EitherTrustManager(javax.net.ssl.X509TrustManager first, javax.net.ssl.X509TrustManager second)
            implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client of ACME directories only");
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (java.security.cert.CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            var a = first.getAcceptedIssuers();
            var b = second.getAcceptedIssuers();
            var all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
