package dev.paas.router.support;

import dev.paas.client.Json;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The control plane's TLS feed for tests, in PAAS_ROUTER_TLS_FILE: certificates, ACME answers, HTTPS options. */
public final class TlsFeed {
    private final Path file;
    private final List<Wire.TlsCertificate> certificates = new ArrayList<>();
    private final Map<String, String> challenges = new HashMap<>();
    private final List<Wire.HttpsPolicy> policies = new ArrayList<>();

    public TlsFeed(Path file) {
        this.file = file;
        write();
    }

    public TlsFeed certificate(String chainPem, String keyPem, String... hostnames) {
        certificates.add(new Wire.TlsCertificate(UUID.randomUUID().toString(), List.of(hostnames), chainPem, keyPem,
                Instant.now().plus(2, ChronoUnit.DAYS)));
        return write();
    }

    public TlsFeed certificate(TestCerts.Issued cert, String... hostnames) {
        return certificate(cert.chainPem(), cert.keyPem(), hostnames);
    }

    /** Drops every certificate (to replace one). */
    public TlsFeed clearCertificates() {
        certificates.clear();
        return write();
    }

    public TlsFeed challenge(String token, String keyAuthorization) {
        challenges.put(token, keyAuthorization);
        return write();
    }

    public TlsFeed policy(UUID appId, boolean redirectHttp, boolean hsts) {
        policies.add(new Wire.HttpsPolicy(appId, redirectHttp, hsts));
        return write();
    }

    public Path file() {
        return file;
    }

    /** Written whole, then moved in place: the router never reads half a file. */
    private TlsFeed write() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.mapper().writeValueAsBytes(new Wire.RouterTls(certificates, challenges, policies)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
