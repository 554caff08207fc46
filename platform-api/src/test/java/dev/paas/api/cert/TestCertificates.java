package dev.paas.api.cert;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made for tests: a private CA, and sites' certificates it signs (or that sign themselves). */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A key pair and its certificate. */
    public record Issued(KeyPair key, X509Certificate cert) {
        public String certPem() {
            return pem(cert);
        }

        public String keyPem() {
            return TestCertificates.keyPem(key);
        }
    }

    public static KeyPair ecKey() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued ca(String name) {
        var key = ecKey();
        return new Issued(key, sign(name, key, null, true, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365))));
    }

    /** A site's certificate for {@code hostnames} (the first is its common name), signed by {@code ca}. */
    public static Issued site(Issued ca, String... hostnames) {
        return site(ca, Instant.now().plus(Duration.ofDays(90)), ecKey(), hostnames);
    }

    public static Issued site(Issued ca, Instant notAfter, KeyPair key, String... hostnames) {
        return new Issued(key, sign(hostnames[0], key, ca, false, Instant.now().minus(Duration.ofDays(2)), notAfter,
                hostnames));
    }

    /** A certificate that signs itself, as `openssl req -x509` makes. */
    public static Issued selfSigned(String... hostnames) {
        var key = ecKey();
        return new Issued(key, sign(hostnames[0], key, null, false, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), hostnames));
    }

    /** PKCS#8 (-----BEGIN PRIVATE KEY-----), as openssl writes keys today. */
    public static String keyPem(KeyPair key) {
        try {
            return pem(new JcaPKCS8Generator(key.getPrivate(), null).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encryptedKeyPem(KeyPair key) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(
                    org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
            var writer = new StringWriter();
            try (var pem = new JcaPEMWriter(writer)) {
                pem.writeObject(new JcaPKCS8Generator(key.getPrivate(), encryptor));
            }
            return writer.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object... objects) {
        var writer = new StringWriter();
        try (var pem = new JcaPEMWriter(writer)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return writer.toString();
    }

    private static X509Certificate sign(String cn, KeyPair key, Issued issuer, boolean isCa, Instant notBefore,
                                        Instant notAfter, String... hostnames) {
        try {
            var subject = new X500Name("CN=" + cn);
            var issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
            var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (hostnames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(hostnames)
                        .map(h -> new GeneralName(GeneralName.dNSName, h)).toArray(GeneralName[]::new)));
            }
            var signingKey = issuer == null ? key.getPrivate() : issuer.key().getPrivate();
            var signer = new JcaContentSignerBuilder(signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : "SHA256withECDSA").build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
