package dev.paas.api.cert;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored certificate; its private key stays sealed here and is opened only for routers' feed. */
public record CertificateRow(UUID id, UUID appId, String name, String source, String chainPem, byte[] keySealed,
                             List<String> certDomains, String subject, String issuer, boolean selfSigned,
                             boolean caSigned,                              OffsetDateTime notBefore, OffsetDateTime notAfter, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
    public boolean acm() {
        return "acm".equals(source);
    }

    @Override
    public String toString() {
        return "CertificateRow[id=" + id + ", name=" + name + ", source=" + source + ", notAfter=" + notAfter + "]";
    }
}
