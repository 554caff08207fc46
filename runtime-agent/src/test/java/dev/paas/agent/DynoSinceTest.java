package dev.paas.agent;

import dev.paas.client.ProcessState;
import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code paas ps} shows since when each process is in its state: its container's, not a report's time. */
@ExtendWith(PlatformExtension.class)
class DynoSinceTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "since-" + UUID.randomUUID().toString().substring(0, 8);
    private PlatformClient client;
    private AgentHarness agent;

    @BeforeEach
    void deployedAppOnARunningAgent(TestPlatform platform, Api api) {
        String admin = platform.admin("ops@example.com");
        client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"timely\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "timely", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\"}");
        assertThat(api.post(admin, "/apps/timely/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void a_killed_and_replaced_process_shows_its_new_containers_start_time() throws Exception {
        await("web.1 up", () -> upWeb().isPresent());
        Container first = docker.inspect(upWeb().orElseThrow().id());
        assertThat(upWeb().orElseThrow().updatedAt()).as("the container's start, not the report's time")
                .isCloseTo(first.startedAt(), within(1, ChronoUnit.MILLIS));

        var kill = new ProcessBuilder("docker", "kill", first.id()).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("docker kill").isZero();

        await("web.1 replaced and up", () -> upWeb().filter(d -> !d.id().equals(first.id())).isPresent());
        var replaced = upWeb().orElseThrow();
        Container second = docker.inspect(replaced.id());
        assertThat(replaced.updatedAt()).as("moved forward to the replacement's start")
                .isAfter(first.startedAt())
                .isCloseTo(second.startedAt(), within(1, ChronoUnit.MILLIS));
    }

    private Optional<Wire.Dyno> upWeb() {
        return client.dynos("timely").stream().filter(d -> d.name().equals("web.1") && d.state() == ProcessState.UP)
                .findFirst();
    }
}
