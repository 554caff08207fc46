package dev.paas.router.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Builds server {@link SslContext}s from PEM: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers only
 * (HTTP/2's list), ALPN offering h2 then http/1.1. BoringSSL when it loads, else the JDK's provider.
 */
public final class TlsContexts {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private final SslProvider provider;

    /** {@code jdkOnly}: skip BoringSSL even where it loads. */
    public TlsContexts(boolean jdkOnly) {
        this.provider = !jdkOnly && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL
                : SslProvider.JDK;
    }

    /** {@code openssl} (BoringSSL, with its version) or {@code jdk}, and why, for the start-up log line. */
    public String describe() {
        return provider == SslProvider.OPENSSL ? "openssl version=\"" + OpenSsl.versionString() + "\""
                : "jdk reason=\"" + (OpenSsl.isAvailable() ? "PAAS_ROUTER_TLS_PROVIDER=jdk or no ALPN in OpenSSL"
                : OpenSsl.unavailabilityCause() == null ? "BoringSSL did not load"
                : OpenSsl.unavailabilityCause().getMessage()) + "\"";
    }

    /** Throws {@link BadCertificateException} saying what is wrong with the PEM. */
    public SslContext build(String chainPem, String keyPem) {
        List<X509Certificate> chain = certificates(chainPem);
        PrivateKey key = privateKey(keyPem);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new BadCertificateException("the private key does not belong to the certificate");
        }
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new BadCertificateException("the TLS library refused it: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new BadCertificateException("no PEM certificate (-----BEGIN CERTIFICATE-----) in the chain");
        }
        try {
            var certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new BadCertificateException("no certificate in the chain");
            }
            return certs.stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new BadCertificateException("the certificate chain is not valid PEM: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(String pem) {
        var m = pem == null ? null : PKCS8.matcher(pem);
        if (m == null || !m.find()) {
            throw new BadCertificateException("no PKCS#8 private key (-----BEGIN PRIVATE KEY-----); convert others "
                    + "with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new BadCertificateException("the private key is not valid base64");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this kind of key: try the next
            }
        }
        throw new BadCertificateException("the private key is not an RSA, EC or Ed25519 key in PKCS#8");
    }

    /** Signs a sample with the key and checks it with the certificate's public key: any key type. */
    private static boolean matches(PrivateKey key, PublicKey cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] sample = "paas-router key check".getBytes(StandardCharsets.US_ASCII);
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(sample);
            byte[] signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert);
            verifier.update(sample);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A certificate or key that cannot be served, and why. */
    public static final class BadCertificateException extends RuntimeException {
        BadCertificateException(String message) {
            super(message);
        }
    }
}
