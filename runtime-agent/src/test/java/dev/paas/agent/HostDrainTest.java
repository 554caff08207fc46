package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.HostState;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code hosts:drain} with two real agents on the engine: an app's web processes leave the drained
 * host for the other under load, each new one up and routed before the old one drains and stops.
 */
@ExtendWith(PlatformExtension.class)
class HostDrainTest {
    private static final String ENGINE = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private final DockerRuntime docker = new DockerRuntime(ENGINE);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String hostA = "drain-a-" + suffix;
    private final String hostB = "drain-b-" + suffix;
    private PlatformClient client;
    private AgentHarness a;
    private AgentHarness b;

    @BeforeEach
    void anAppWithAWebProcessOnEachOfTwoHosts(TestPlatform platform, Api api) {
        String admin = platform.admin("ops@example.com");
        client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"drained\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "drained", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\"}");
        assertThat(api.post(admin, "/apps/drained/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
        a = new AgentHarness(platform.baseUrl(), admin, hostA, docker, "127.0.0.1", DRAIN);
        b = new AgentHarness(platform.baseUrl(), admin, hostB, docker, "127.0.0.1", DRAIN);
        api.patch(admin, "/apps/drained/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":2}]}");
        await("one web process on each host, both routed", () -> running(hostA).size() == 1
                && running(hostB).size() == 1 && backends().size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        for (String host : List.of(hostA, hostB)) {
            docker.list("paas.agent=" + host).forEach(c -> docker.remove(c.id()));
            docker.networks("paas.agent=" + host).forEach(docker::removeNetwork);
        }
        docker.close();
    }

    @Test
    void draining_a_host_under_load_moves_its_web_process_to_the_other_and_fails_no_request() throws Exception {
        String leaving = running(hostA).getFirst().id();
        var load = new RouteTableLoad(this::backends);
        try (load) {
            await("requests flowing", () -> load.served() > 20);

            assertThat(client.drainHost(hostA).state()).isEqualTo(HostState.DRAINING);

            await("both web processes on " + hostB + ", routed there, none left on " + hostA, () -> {
                var ports = running(hostB).stream().map(Container::hostPort).collect(Collectors.toSet());
                var routed = backends();
                return running(hostA).isEmpty() && ports.size() == 2 && routed.size() == 2
                        && routed.stream().allMatch(r -> ports.contains(r.port()));
            });
            int served = load.served();
            await("the moved process serves", () -> load.served() > served + 20);
        }

        // As RollingRestartTest: strict within the drain of reading the route table; a client the loaded
        // machine stalled for longer than the drain is past what the platform promises.
        assertThat(load.failures()).as("failed requests during the drain of %s (its web container %s)", hostA,
                leaving).noneMatch(f -> f.backend() == null || f.sinceRead().compareTo(DRAIN) < 0);
        assertThat(load.served()).isGreaterThan(40);
        // the container is gone from the engine before the agent's next report says so to the control plane
        await(hostA + " reports no process and holds no memory", () -> host(hostA).processes() == 0
                && host(hostA).usedMb() == 0);
        var drained = host(hostA);
        assertThat(drained.state()).isEqualTo(HostState.DRAINING);
        assertThat(drained.processes()).isZero();
        assertThat(drained.usedMb()).isZero();
        assertThat(client.removeHost(hostA).state()).isEqualTo(HostState.REMOVED);
        assertThat(client.hosts().stream().map(Wire.Host::name).collect(Collectors.toSet()))
                .as("a removed host is still listed, as removed").containsAll(Set.of(hostA, hostB));
    }

    private Wire.Host host(String name) {
        return client.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Wire.RouteBackend> backends() {
        return client.routes().routes().stream().filter(r -> r.app().equals("drained"))
                .flatMap(r -> r.backends().stream()).toList();
    }

    private List<Container> running(String host) {
        return docker.list("paas.agent=" + host).stream().filter(Container::running).toList();
    }
}
