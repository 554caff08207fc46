package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real hosts (each its own network namespace and Docker engine, see {@link Hosts}) joined with
 * {@code bin/platform join} to a control plane on this side, then the faults a fleet meets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostTest {
    @TempDir
    static Path dir;
    static Hosts hosts;
    static LocalPlatform platform;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** What every host's agent runs with: quick heartbeats, so that a lost host is noticed within seconds. */
    static final Map<String, String> AGENT_ENV = Map.of("PAAS_HEARTBEAT_SECONDS", "1", "PAAS_RESYNC_SECONDS", "5",
            "PAAS_DRAIN_SECONDS", "2", "PAAS_STOP_GRACE_SECONDS", "5");

    @BeforeAll
    static void hostsAndControlPlane() throws Exception {
        hosts = new Hosts().start(3);
        int apiPort = Shell.freePort();
        platform = new LocalPlatform(dir)
                .with("PORT", String.valueOf(apiPort))
                .with("PAAS_API_BIND", hosts.gateway())
                .with("PAAS_API_URL", "http://" + hosts.gateway() + ":" + apiPort)
                .with("PAAS_LOCAL_AGENT", "0")
                .with("PAAS_AGENT_TIMEOUT_SECONDS", "6")
                .with("PAAS_ROUTER_CONNECT_TIMEOUT_MS", "1000")
                .up();
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }

    @Test
    @Order(1)
    void each_host_joins_with_bin_platform_join_and_its_agent_registers_with_its_address() throws Exception {
        for (var host : hosts.all()) {
            var joined = hosts.join(host, platform.apiUrl(), platform.adminToken(), AGENT_ENV);
            assertThat(joined.code()).as(joined.output()).isZero();
        }

        Awaits.until("three agents alive", Duration.ofSeconds(60), () -> agents().size() == 3
                && StreamSupport.stream(agents().spliterator(), false).allMatch(a -> a.get("status").asText()
                        .equals("alive")));
        for (var host : hosts.all()) {
            assertThat(agents()).anySatisfy(a -> {
                assertThat(a.get("name").asText()).isEqualTo(host.name());
                assertThat(a.get("address").asText()).isEqualTo(host.address());
            });
        }
    }

    @Test
    @Order(2)
    void join_again_is_a_no_op_and_host_status_says_healthy() throws Exception {
        var host = hosts.get(0);
        var pid = hosts.exec(host, Map.of(), "cat", "/var/lib/paas-host/agent.pid").orFail("pid").output().strip();

        var again = hosts.join(host, platform.apiUrl(), platform.adminToken(), AGENT_ENV).orFail("join again");

        assertThat(again.output()).contains("agent already runs with these settings (pid " + pid + ")");
        assertThat(hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "host-status").orFail("status")
                .output()).contains("agent:  running, healthy (pid " + pid);
    }

    @Test
    @Order(3)
    void join_with_a_wrong_token_or_address_says_what_is_wrong() throws Exception {
        var host = hosts.get(0);

        var badToken = hosts.join(host, platform.apiUrl(), "not-a-token", Map.of());
        var badAddress = hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "join", "--api",
                platform.apiUrl(), "--token", platform.adminToken(), "--address", "192.0.2.7");

        assertThat(badToken.code()).isEqualTo(1);
        assertThat(badToken.output()).contains("refused the token (HTTP 401)");
        assertThat(badAddress.code()).isEqualTo(1);
        assertThat(badAddress.output()).contains("--address 192.0.2.7 is not an address of this host");
    }

    static JsonNode agents() throws Exception {
        return api("/agents");
    }

    static JsonNode api(String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Authorization", "Bearer " + platform.adminToken())
                .header("Accept", "application/vnd.heroku+json; version=3")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
