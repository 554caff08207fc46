package dev.paas.api.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.paas.api.Api;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACM against a real ACME server: pebble validates each HTTP-01 challenge by fetching it from a small HTTP server
 * that stands in for the router, answering from the API's {@code GET /router/tls} feed as routers do.
 */
class AcmePebbleTest {
    @TempDir
    static Path dir;
    private static Pebble pebble;
    private static HttpServer router;
    private static TestPlatform platform;
    private static Api api;
    private static String admin;
    /** Challenge paths the stand-in router answered with the right key authorization. */
    private static final Map<String, String> ANSWERED = new ConcurrentHashMap<>();

    @BeforeAll
    static void pebbleAndPlatform() throws Exception {
        router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        pebble = Pebble.start(dir, router.getAddress().getPort());
        platform = TestPlatform.withEnv(Map.of(
                "PAAS_ACME_DIRECTORY_URL", pebble.directoryUrl(),
                "PAAS_ACME_CA_FILE", pebble.caFile().toString(),
                "PAAS_ACME_EMAIL", "ops@example.com",
                "PAAS_ACME_INTERVAL_SECONDS", "1",
                "PAAS_ACME_RETRY_SECONDS", "1",
                "PAAS_ACME_MAX_ATTEMPTS", "2"));
        api = new Api(platform.baseUrl());
        admin = platform.admin("router@example.com");
        router.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            String answer = api.get(admin, "/router/tls").json().path("acme_challenges").path(token).asText(null);
            byte[] body = (answer == null ? "no such challenge" : answer).getBytes(StandardCharsets.US_ASCII);
            if (answer != null) {
                ANSWERED.put(token, answer);
            }
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        router.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.stop(0);
        }
        if (platform != null) {
            platform.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void acm_gets_a_certificate_from_the_ca_after_it_fetched_the_http_01_answer_from_the_feed() throws Exception {
        String token = platform.user("acm@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"secure\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps/secure/domains", "{\"hostname\":\"www.secure-shop.org\"}").status())
                .isEqualTo(201);

        var enabled = api.post(token, "/apps/secure/acm", "{}");

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("acm").asBoolean()).isTrue();
        JsonNode domain = awaitDomain(token, "secure", "www.secure-shop.org", d -> "ok".equals(d.path("acm_status")
                .asText()));
        assertThat(domain.path("acm_status_reason").isNull()).isTrue();
        assertThat(ANSWERED).as("challenges pebble fetched from the stand-in router").isNotEmpty();
        var feed = api.get(admin, "/router/tls").json();
        assertThat(feed.get("acme_challenges")).as("answered challenges are withdrawn").isEmpty();
        var certs = feed.get("certificates");
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).get("hostnames")).extracting(JsonNode::asText).containsExactly("www.secure-shop.org");
        assertThat(certs.get(0).get("private_key_pem").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        var endpoints = api.get(token, "/apps/secure/sni-endpoints").json();
        assertThat(endpoints).hasSize(1);
        assertThat(endpoints.get(0).at("/ssl_cert/acm").asBoolean()).isTrue();
        assertThat(endpoints.get(0).at("/ssl_cert/issuer").asText()).containsIgnoringCase("pebble");
        assertThat(endpoints.get(0).get("domains")).extracting(JsonNode::asText).containsExactly("www.secure-shop.org");

        var disabled = api.delete(token, "/apps/secure/acm");

        assertThat(disabled.json().get("acm").asBoolean()).isFalse();
        assertThat(api.get(token, "/apps/secure/sni-endpoints").json()).isEmpty();
        assertThat(api.get(admin, "/router/tls").json().get("certificates")).isEmpty();
    }

    @Test
    void a_domain_the_ca_cannot_reach_is_failing_with_the_cas_reason_then_failed() throws Exception {
        String token = platform.user("unreachable@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"lost\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps/lost/domains", "{\"hostname\":\"www.lost-shop.org\"}").status())
                .isEqualTo(201);
        // Nothing listens there: pebble's fetch of the challenge is refused.
        pebble.resolve("www.lost-shop.org", "127.0.0.2");

        assertThat(api.post(token, "/apps/lost/acm", "{}").status()).isEqualTo(200);

        JsonNode failed = awaitDomain(token, "lost", "www.lost-shop.org",
                d -> "failed".equals(d.path("acm_status").asText()));
        assertThat(failed.path("acm_status_reason").asText()).contains("could not validate www.lost-shop.org");
        assertThat(api.get(token, "/apps/lost/sni-endpoints").json()).isEmpty();
    }

    private static JsonNode awaitDomain(String token, String app, String hostname, Predicate<JsonNode> done)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode d : api.get(token, "/apps/" + app + "/domains").json()) {
                if (d.path("hostname").asText().equals(hostname)) {
                    last = d;
                }
            }
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("domain " + hostname + " never got there; last: " + last + "\npebble log:\n"
                + pebble.log("pebble"));
    }
}
