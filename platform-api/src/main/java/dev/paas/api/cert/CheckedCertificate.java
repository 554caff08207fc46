package dev.paas.api.cert;

import java.time.Instant;
import java.util.List;

/**
 * A certificate chain and key that passed {@link CertificateCheck}: PEM re-encoded (the chain leaf first, the key
 * as PKCS#8), with what the leaf says about itself.
 *
 * @param certDomains the DNS names the leaf is valid for (its subject alternative names, else its common name)
 * @param caSigned    the chain ends at a root the JDK trusts
 */
public record CheckedCertificate(String chainPem, String keyPem, List<String> certDomains, String subject,
                                 String issuer, boolean selfSigned, boolean caSigned, Instant notBefore,
                                 Instant notAfter) {
    @Override
    public String toString() {
        // Records print every component: never the key.
        return "CheckedCertificate[subject=" + subject + ", domains=" + certDomains + ", notAfter=" + notAfter + "]";
    }
}
