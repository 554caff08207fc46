package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.HostState;
import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host lost and back, with two real agents on the engine and the test platform's agent timeout
 * (PAAS_AGENT_TIMEOUT_SECONDS=3, so a monitor pass each second): its slots start on the other host
 * within timeout + one monitor pass + a start, its processes keep running while it is away, and once
 * back it stops its copies of the moved slots before anything else: each slot runs once.
 */
@ExtendWith(PlatformExtension.class)
class HostLossTest {
    private static final String ENGINE = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    /** The test platform's agent timeout, its monitor's period (a third of it), and room for a start. */
    private static final Duration BOUND = Duration.ofSeconds(3 + 1 + 15);
    private final DockerRuntime docker = new DockerRuntime(ENGINE);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String hostA = "loss-a-" + suffix;
    private final String hostB = "loss-b-" + suffix;
    private TestPlatform platform;
    private String admin;
    private PlatformClient client;
    private AgentHarness b;

    @BeforeEach
    void anApp(TestPlatform platform, Api api) {
        this.platform = platform;
        this.admin = platform.admin("ops@example.com");
        client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"moved\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "moved", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"while true; do sleep 0.2; done\"}");
        assertThat(api.post(admin, "/apps/moved/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        for (String host : List.of(hostA, hostB)) {
            docker.list("paas.agent=" + host).forEach(c -> docker.remove(c.id()));
            docker.networks("paas.agent=" + host).forEach(docker::removeNetwork);
        }
        docker.close();
    }

    @Test
    void a_lost_hosts_slots_start_elsewhere_within_the_bound_and_once_back_its_first_pass_stops_its_worker()
            throws Exception {
        var a = new AgentHarness(platform.baseUrl(), admin, hostA, docker, "127.0.0.1");
        b = new AgentHarness(platform.baseUrl(), admin, hostB, docker, "127.0.0.1");
        scaleAndAwaitBothHostsBusy();
        var left = running(hostA);

        a.close();
        long lostAt = System.nanoTime();
        await("every slot up on " + hostB, () -> slotsUpOn(hostB) == 3);
        var took = Duration.ofNanos(System.nanoTime() - lostAt);
        System.out.println("host loss to replacement slots up elsewhere: " + took.toMillis() + " ms (bound "
                + BOUND.toSeconds() + " s)");
        assertThat(took).isLessThan(BOUND);
        assertThat(host(hostA)).isEqualTo(HostState.LOST);
        assertThat(running(hostA)).as("nothing stopped the lost host's processes").hasSameSizeAs(left);

        var back = agentWithoutLoop(platform.baseUrl(), hostA);
        back.register();
        back.syncOnce();

        assertThat(running(hostA).stream().filter(c -> "worker".equals(c.labels().get("paas.type"))))
                .as("its first pass stopped the moved worker").isEmpty();
        assertThat(runningByDyno().get("worker.2")).as("worker.2 runs once, on " + hostB).isEqualTo(1);
        for (int pass = 0; pass < 20 && !running(hostA).isEmpty(); pass++) {
            back.syncOnce();
            Thread.sleep(250);
        }
        assertThat(running(hostA)).as("the moved web process went too, after its drain").isEmpty();
        assertThat(runningByDyno()).containsExactlyInAnyOrderEntriesOf(Map.of("web.1", 1, "worker.1", 1,
                "worker.2", 1));
        assertThat(host(hostA)).isEqualTo(HostState.UP);
    }

    @Test
    void a_host_cut_off_from_the_control_plane_keeps_serving_and_once_back_converges_without_duplicates()
            throws Exception {
        try (var gate = new TcpGate(URI.create(platform.baseUrl()).getPort())) {
            var a = new AgentHarness(gate.url(), admin, hostA, docker, "127.0.0.1");
            try {
                b = new AgentHarness(platform.baseUrl(), admin, hostB, docker, "127.0.0.1");
                scaleAndAwaitBothHostsBusy();
                var left = running(hostA);
                int webPort = left.stream().filter(c -> "web".equals(c.labels().get("paas.type"))).findFirst()
                        .orElseThrow().hostPort();

                gate.cut();
                await("the cut-off host is lost and its slots run on " + hostB,
                        () -> host(hostA) == HostState.LOST && slotsUpOn(hostB) == 3);
                assertThat(running(hostA)).as("the cut-off host stopped nothing by itself")
                        .extracting(Container::id).containsExactlyInAnyOrderElementsOf(left.stream()
                                .map(Container::id).toList());
                assertThat(http(webPort)).as("and its web process still answers").isEqualTo(200);
                assertThat(a.alive()).isTrue();

                gate.restore();
                await("back: its copies of the moved slots stopped, the host up again",
                        () -> running(hostA).isEmpty() && host(hostA) == HostState.UP);
                for (int check = 0; check < 5; check++) {
                    assertThat(runningByDyno()).as("each slot runs once").containsExactlyInAnyOrderEntriesOf(
                            Map.of("web.1", 1, "worker.1", 1, "worker.2", 1));
                    Thread.sleep(300);
                }
            } finally {
                a.close();
            }
        }
    }

    /** web=1, worker=2: the web and a worker land on one host, the other worker on the other. */
    private void scaleAndAwaitBothHostsBusy() {
        client.scale("moved", List.of(new Wire.FormationUpdate("web", 1, null),
                new Wire.FormationUpdate("worker", 2, null)));
        await("web.1 and worker.2 on " + hostA + ", worker.1 on " + hostB + ", all up",
                () -> running(hostA).size() == 2 && running(hostB).size() == 1 && client.dynos("moved").stream()
                        .filter(d -> d.state() == ProcessState.UP).count() == 3);
    }

    private long slotsUpOn(String host) {
        var ids = running(host).stream().map(Container::id).toList();
        return client.dynos("moved").stream().filter(d -> d.state() == ProcessState.UP && ids.contains(d.id()))
                .count();
    }

    private Map<String, Integer> runningByDyno() {
        var counts = new HashMap<String, Integer>();
        Stream.of(hostA, hostB).flatMap(h -> running(h).stream()).forEach(c -> counts.merge(
                c.labels().get("paas.type") + "." + c.labels().get("paas.index"), 1, Integer::sum));
        return counts;
    }

    private HostState host(String name) {
        return client.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().state();
    }

    private List<Container> running(String host) {
        return docker.list("paas.agent=" + host).stream().filter(Container::running).toList();
    }

    private Agent agentWithoutLoop(String url, String name) {
        var config = new AgentConfig(URI.create(url), admin, name, "127.0.0.1", 4096, ENGINE, "1000:1000",
                Duration.ofSeconds(2), AgentHarness.RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofMillis(500));
        return new Agent(config, new PlatformClient(URI.create(url), admin), new Converger(docker, name, "127.0.0.1",
                "1000:1000", config.grace(), config.bootTimeout(), config.coolOff(),
                dev.paas.agent.converge.ProcessLog.NONE, () -> { }, config.drain()));
    }

    private static int http(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
