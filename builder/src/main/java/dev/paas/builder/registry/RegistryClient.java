package dev.paas.builder.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The registry's HTTP API (Distribution v2) as the image sweep needs it: repositories, their tags, a tag's manifest
 * digest, and deleting a manifest by digest. Blobs are freed later, by {@code docker-registry garbage-collect}.
 */
public final class RegistryClient {
    /** A tag resolves to the digest of the manifest the engine pushed (schema 2), not of a converted one. */
    private static final String MANIFESTS = "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final RegistryAccess access;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public RegistryClient(RegistryAccess access) {
        this.access = access;
        var builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (access.ca() != null) {
            builder.sslContext(trusting(access));
        }
        this.http = builder.build();
    }

    /** Every repository's name, such as {@code paas-app/web}. */
    public List<String> repositories() throws IOException, InterruptedException {
        var names = new ArrayList<String>();
        String last = null;
        // bounded: a registry of this platform holds one repository per app
        for (int page = 0; page < 1000; page++) {
            var response = send("GET", "/v2/_catalog?n=1000" + (last == null ? "" : "&last=" + encode(last)));
            require(response, 200, "list repositories");
            var batch = new ArrayList<String>();
            json.readTree(response.body()).path("repositories").forEach(n -> batch.add(n.asText()));
            names.addAll(batch);
            if (batch.size() < 1000) {
                break;
            }
            last = batch.getLast();
        }
        return names;
    }

    /** The repository's tags; none when it has none left (or is unknown). */
    public List<String> tags(String repository) throws IOException, InterruptedException {
        var response = send("GET", "/v2/" + repository + "/tags/list");
        if (response.statusCode() == 404) {
            return List.of();
        }
        require(response, 200, "list tags of " + repository);
        var tags = new ArrayList<String>();
        JsonNode node = json.readTree(response.body()).path("tags");
        node.forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** The digest ({@code sha256:...}) of the manifest a tag names; empty when the tag is gone. */
    public Optional<String> digest(String repository, String tag) throws IOException, InterruptedException {
        var response = send("HEAD", "/v2/" + repository + "/manifests/" + tag);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        require(response, 200, "look up " + repository + ":" + tag);
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /** Deletes the manifest (and every tag naming it); true when it was there. */
    public boolean delete(String repository, String digest) throws IOException, InterruptedException {
        var response = send("DELETE", "/v2/" + repository + "/manifests/" + digest);
        if (response.statusCode() == 404) {
            return false;
        }
        require(response, 202, "delete " + repository + "@" + digest);
        return true;
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(access.base() + path)).timeout(TIMEOUT)
                .header("Accept", MANIFESTS).method(method, HttpRequest.BodyPublishers.noBody());
        var registry = access.registry();
        if (registry.authenticated()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (registry.username() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void require(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new IOException("registry " + access.registry().address() + " refused to " + what + ": HTTP "
                    + response.statusCode() + (body.isEmpty() ? "" : " " + body.substring(0, Math.min(300, body.length()))));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static SSLContext trusting(RegistryAccess access) {
        try (InputStream in = Files.newInputStream(access.ca())) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("PAAS_REGISTRY_CA " + access.ca() + " is not a PEM certificate: " + e, e);
        }
    }
}
