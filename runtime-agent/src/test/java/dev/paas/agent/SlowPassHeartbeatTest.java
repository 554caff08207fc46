package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.container.FlakyEngine;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.HostState;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent whose passes each take longer than the control plane's agent timeout (3 s in tests) is
 * not lost: it heartbeats on its own rhythm, whatever its passes do, so its slots never move for it.
 */
@ExtendWith(PlatformExtension.class)
class SlowPassHeartbeatTest {
    private static final String ENGINE = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(ENGINE);
    private final FlakyEngine engine = new FlakyEngine(docker);
    private final String name = "slow-" + UUID.randomUUID().toString().substring(0, 8);
    private AgentHarness agent;

    @AfterEach
    void stop() throws Exception {
        agent.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void an_agent_whose_passes_outlast_the_agent_timeout_stays_up(TestPlatform platform, Api api)
            throws Exception {
        String admin = platform.admin("ops@example.com");
        var client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"slow\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "slow", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\"}");
        assertThat(api.post(admin, "/apps/slow/releases", "{\"build\":\"" + build + "\"}").status()).isEqualTo(201);
        agent = new AgentHarness(platform.baseUrl(), admin, name, engine, "127.0.0.1");
        await("web.1 runs", () -> docker.list("paas.agent=" + name).size() == 1);

        engine.slowLists(Duration.ofSeconds(5));
        agent.agent.wake();
        long until = System.nanoTime() + Duration.ofSeconds(9).toNanos();
        while (System.nanoTime() < until) {
            assertThat(client.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow()
                    .state()).as("the host while its passes take 5 s each").isEqualTo(HostState.UP);
            Thread.sleep(300);
        }
        engine.slowLists(Duration.ZERO);
    }
}
