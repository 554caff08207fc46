package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.health.HealthServer;
import dev.paas.agent.logs.LogShipper;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /healthz} of a real agent loop against a real control plane: 503 with the reason
 * until the agent has registered and completed a pass, 200 after; 503 while the control plane
 * cannot be reached.
 */
@ExtendWith(PlatformExtension.class)
class AgentHealthCheckTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String name = "health-" + UUID.randomUUID().toString().substring(0, 8);
    private Agent agent;
    private LogShipper shipper;
    private HealthServer health;
    private Thread loop;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (loop != null) {
            loop.join(Duration.ofSeconds(30));
        }
        if (health != null) {
            health.close();
        }
        if (shipper != null) {
            shipper.close();
        }
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.close();
    }

    @Test
    void an_agent_answers_503_until_it_has_registered_and_completed_a_pass_then_200(TestPlatform platform)
            throws Exception {
        start(platform.baseUrl(), platform.admin("health@example.com"));

        var before = get();
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).contains("\"status\":\"unhealthy\"")
                .contains("not registered with the control plane yet");

        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.registerWhenReachable();
                agent.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await("healthz 200", () -> get().statusCode() == 200);
        assertThat(get().body()).contains("\"status\":\"ok\"").contains("registered; last pass completed at");
    }

    @Test
    void an_agent_that_cannot_reach_the_control_plane_answers_503_saying_since_when() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closed, "unused-token");
        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.registerWhenReachable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        await("healthz says the control plane is unreachable",
                () -> get().body().contains("not registered: control plane unreachable since"));
        assertThat(get().statusCode()).isEqualTo(503);
    }

    private void start(String baseUrl, String token) throws IOException {
        var client = new PlatformClient(URI.create(baseUrl), token);
        var config = new AgentConfig(URI.create(baseUrl), token, name, "127.0.0.1", 4096, "unused", "1000:1000",
                Duration.ofSeconds(2), AgentHarness.RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofMillis(500));
        var agentId = new AtomicReference<UUID>();
        shipper = new LogShipper(client, agentId::get);
        var woken = new AtomicReference<Agent>();
        agent = new Agent(config, client, new Converger(docker, name, "127.0.0.1", config.appUser(), config.grace(),
                config.bootTimeout(), config.coolOff(), shipper, () -> woken.get().wake(), config.drain()));
        woken.set(agent);
        health = new HealthServer(new InetSocketAddress("127.0.0.1", 0), agent.health(), Duration.ofMinutes(10),
                Clock.systemUTC());
    }

    private HttpResponse<String> get() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
