package dev.paas.api.cert;

import dev.paas.api.error.ApiFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * What an uploaded certificate must be for a router to serve it: PEM certificates in order (each signed by the
 * next), ending at a root or at a certificate issued by a root the JDK trusts; not expired; an unencrypted
 * private key that belongs to the first. Every refusal is a 422 that says what to fix.
 */
public final class CertificateCheck {
    private static final int MAX_CHAIN = 10;

    private CertificateCheck() {
    }

    public static CheckedCertificate check(String chainPem, String keyPem, Instant now) {
        List<X509Certificate> chain = parseChain(chainPem);
        PrivateKey key = parseKey(keyPem);
        X509Certificate leaf = chain.get(0);
        if (!keyMatches(key, leaf)) {
            throw ApiFailure.invalid("The private key does not match the certificate: give the key the certificate "
                    + "was issued for (the first certificate of the chain is the site's own).");
        }
        for (int i = 0; i < chain.size(); i++) {
            var cert = chain.get(i);
            if (cert.getNotAfter().toInstant().isBefore(now)) {
                throw ApiFailure.invalid("Certificate " + (i + 1) + " of the chain (" + subject(cert) + ") expired on "
                        + cert.getNotAfter().toInstant() + ": renew it with its issuer and upload the new one.");
            }
        }
        checkOrder(chain);
        X509Certificate last = chain.get(chain.size() - 1);
        boolean lastIsRoot = selfSigned(last);
        boolean caSigned = Roots.JDK.contains(last) || Roots.JDK.stream().anyMatch(root -> signs(root, last));
        if (!lastIsRoot && !caSigned) {
            throw ApiFailure.invalid("The chain is incomplete: its last certificate (" + subject(last) + ") is issued "
                    + "by " + last.getIssuerX500Principal().getName() + ", which is neither in the chain nor a "
                    + "known root. Append the intermediate certificate(s) after the site's certificate.");
        }
        return new CheckedCertificate(pem(chain), pem("PRIVATE KEY", key.getEncoded()), domains(leaf),
                subject(leaf), leaf.getIssuerX500Principal().getName(), selfSigned(leaf), caSigned,
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    /** What an ACME CA issued: it vouches for the chain, whose root a private CA's may not be a known one. */
    public static CheckedCertificate issued(List<X509Certificate> chain, PrivateKey key) {
        X509Certificate leaf = chain.get(0);
        X509Certificate last = chain.get(chain.size() - 1);
        boolean caSigned = Roots.JDK.contains(last) || Roots.JDK.stream().anyMatch(root -> signs(root, last));
        return new CheckedCertificate(pem(chain), pem("PRIVATE KEY", key.getEncoded()), domains(leaf),
                subject(leaf), leaf.getIssuerX500Principal().getName(), selfSigned(leaf), caSigned,
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    private static List<X509Certificate> parseChain(String chainPem) {
        if (chainPem == null || !chainPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ApiFailure.invalid("Give 'certificate_chain': PEM certificates (-----BEGIN CERTIFICATE-----), the "
                    + "site's own first, then its intermediates.");
        }
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var certs = factory.generateCertificates(new ByteArrayInputStream(
                    chainPem.strip().getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> chain = new ArrayList<>();
            certs.forEach(c -> chain.add((X509Certificate) c));
            if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
                throw ApiFailure.invalid("'certificate_chain' must hold 1 to " + MAX_CHAIN + " certificates.");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw ApiFailure.invalid("'certificate_chain' is not valid PEM: " + e.getMessage() + ". Give the "
                    + "certificate file as your CA sent it (-----BEGIN CERTIFICATE----- blocks).");
        }
    }

    private static PrivateKey parseKey(String keyPem) {
        if (keyPem == null || keyPem.isBlank()) {
            throw ApiFailure.invalid("Give 'private_key': the certificate's private key in PEM.");
        }
        Object parsed;
        try (var parser = new PEMParser(new StringReader(keyPem))) {
            parsed = parser.readObject();
            while (parsed != null && !isKey(parsed)) {
                parsed = parser.readObject();
            }
        } catch (IOException | RuntimeException e) {
            throw ApiFailure.invalid("'private_key' is not a valid PEM private key.");
        }
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair) {
            throw ApiFailure.invalid("'private_key' is encrypted with a passphrase: decrypt it first, e.g. "
                    + "openssl pkey -in server.key -out server.unencrypted.key.");
        }
        PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                : parsed instanceof PrivateKeyInfo i ? i : null;
        if (info != null) {
            String algorithm = switch (info.getPrivateKeyAlgorithm().getAlgorithm().getId()) {
                case "1.2.840.113549.1.1.1" -> "RSA";
                case "1.2.840.10045.2.1" -> "EC";
                case "1.3.101.112" -> "Ed25519";
                default -> null;
            };
            try {
                if (algorithm != null) {
                    // BouncyCastle reads every PEM form (SEC1 EC keys keep their curve inside, where the JDK does
                    // not look); the JDK's own key, re-encoded as PKCS#8, is what is kept.
                    var read = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().setProvider(BouncyCastle.provider())
                            .getPrivateKey(info);
                    return java.security.KeyFactory.getInstance(algorithm)
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(read.getEncoded()));
                }
            } catch (IOException | GeneralSecurityException e) {
                throw ApiFailure.invalid("'private_key' is not a valid " + algorithm + " private key.");
            }
            throw ApiFailure.invalid("'private_key' is not a key this platform can use: give an RSA, EC or "
                    + "Ed25519 key.");
        }
        throw ApiFailure.invalid("'private_key' holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).");
    }

    private static boolean isKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PKCS8EncryptedPrivateKeyInfo
                || o instanceof PEMEncryptedKeyPair;
    }

    /** Signs random bytes with the key and verifies with the certificate: works alike for every key type. */
    private static boolean keyMatches(PrivateKey key, X509Certificate leaf) {
        String algorithm = signature(key.getAlgorithm());
        if (algorithm == null || !algorithm.equals(signature(leaf.getPublicKey().getAlgorithm()))) {
            return false;
        }
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signed = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(data);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signature(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }

    private static void checkOrder(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signs(chain.get(i + 1), chain.get(i))) {
                throw ApiFailure.invalid("The chain is out of order: certificate " + (i + 1) + " ("
                        + subject(chain.get(i)) + ") is not signed by certificate " + (i + 2) + " ("
                        + subject(chain.get(i + 1)) + "). Put the site's certificate first, then each issuer in turn.");
            }
        }
    }

    private static boolean signs(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean selfSigned(X509Certificate cert) {
        return signs(cert, cert);
    }

    private static List<String> domains(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            var sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (var san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw ApiFailure.invalid("The certificate's subject alternative names cannot be read: " + e.getMessage());
        }
        if (names.isEmpty()) {
            String cn = commonName(leaf);
            if (cn != null) {
                names.add(cn.toLowerCase(Locale.ROOT));
            }
        }
        return names.stream().distinct().toList();
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static String subject(X509Certificate cert) {
        String cn = commonName(cert);
        return cn != null ? cn : cert.getSubjectX500Principal().getName();
    }

    /** Whether {@code hostname} is one of {@code certDomains}, or matches a wildcard among them in one label. */
    public static boolean covers(List<String> certDomains, String hostname) {
        for (String name : certDomains) {
            if (name.equals(hostname)) {
                return true;
            }
            if (name.startsWith("*.")) {
                int dot = hostname.indexOf('.');
                if (dot > 0 && hostname.substring(dot + 1).equals(name.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String pem(List<X509Certificate> chain) {
        try {
            var text = new StringBuilder();
            for (var cert : chain) {
                text.append(pem("CERTIFICATE", cert.getEncoded()));
            }
            return text.toString();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Set<X509Certificate> jdkRoots() {
        try {
            var factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return java.util.Arrays.stream(factory.getTrustManagers())
                    .filter(m -> m instanceof javax.net.ssl.X509TrustManager)
                    .flatMap(m -> java.util.Arrays.stream(((javax.net.ssl.X509TrustManager) m).getAcceptedIssuers()))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (GeneralSecurityException e) {
            return Set.of();
        }
    }

    /** The JDK's trusted roots, read when a chain is first checked, not when a hostname is matched. */
    private static final class Roots {
        static final Set<X509Certificate> JDK = jdkRoots();
    }
}
