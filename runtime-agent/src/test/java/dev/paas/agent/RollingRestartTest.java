package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ps:restart} under load: a client that sends each request to a backend of the route table
 * routers use, read afresh each time, meets no failure while the agent replaces the web process.
 * The app's server stops at once on SIGTERM, so a process still routed when it gets one fails requests.
 */
@ExtendWith(PlatformExtension.class)
class RollingRestartTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "roll-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness agent;

    @BeforeEach
    void deployedAppOnARunningAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"rolling\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "rolling", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\"}");
        assertThat(api.post(admin, "/apps/rolling/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
        // the platform's default drain: a client that read the route table just before the old process
        // left it must still reach it, even when a loaded machine stalls that client for a while
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1", DRAIN);
        await("web.1 routed", () -> backends().size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void restarting_the_web_process_under_load_fails_no_request_to_it_and_replaces_its_container() throws Exception {
        String before = webContainers().getFirst().id();
        Integer beforePort = webContainers().getFirst().hostPort();
        var load = new RouteTableLoad(this::backends);
        try (load) {
            await("requests flowing", () -> load.served() > 20);

            assertThat(api.delete(admin, "/apps/rolling/dynos/web").status()).isEqualTo(202);

            await("web.1 replaced: the old container gone, the new one routed", () -> {
                var now = webContainers();
                var routed = backends();
                return now.size() == 1 && !now.getFirst().id().equals(before) && routed.size() == 1
                        && routed.getFirst().port() == now.getFirst().hostPort();
            });
            int served = load.served();
            await("the new process serves", () -> load.served() > served + 20);
        }

        // Strict on the restarted process, the one this is about: it left the route table before
        // its SIGTERM and was kept for the drain, so a request sent within the drain of reading a table
        // that named it must be served. A client the loaded machine stalled for longer than the drain
        // between reading the table and failing is past what the platform promises (and what a router's
        // retry covers).
        assertThat(load.failures()).as("failed requests to the restarted web.1 (port %s) within the drain of "
                + "reading the route table, among all failures", beforePort)
                .noneMatch(f -> f.backend() == null
                        || f.sinceRead().compareTo(DRAIN) < 0 && f.backend().port() == beforePort);
        assertThat(load.served()).as("requests served").isGreaterThan(40);
        assertThat(webContainers().getFirst().labels()).containsEntry("paas.generation", "1");
    }

    private List<Wire.RouteBackend> backends() {
        return client.routes().routes().stream().filter(r -> r.app().equals("rolling"))
                .flatMap(r -> r.backends().stream()).toList();
    }

    private List<Container> webContainers() {
        return docker.list("paas.agent=" + name).stream().filter(c -> "web".equals(c.labels().get("paas.type")))
                .toList();
    }
}
