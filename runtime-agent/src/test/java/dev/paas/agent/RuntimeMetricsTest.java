package dev.paas.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.health.AgentHealth;
import dev.paas.agent.health.HealthServer;
import dev.paas.agent.logs.LogShipper;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.agent.stats.StatsSampler;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessState;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real control plane, agent and containers: a busy worker's memory and CPU reach {@code ps}, the
 * agent's {@code /metrics}, and, with log-runtime-metrics on, the app's log as Heroku's sample lines.
 */
@ExtendWith(PlatformExtension.class)
class RuntimeMetricsTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final Pattern MEMORY_LINE = Pattern.compile("heroku\\[worker\\.1]: source=worker\\.1 "
            + "dyno=heroku\\.[0-9a-f-]{36}\\.[0-9a-f]{12} sample#memory_total=\\d+\\.\\d\\dMB "
            + "sample#memory_rss=\\d+\\.\\d\\dMB sample#memory_cache=\\d+\\.\\d\\dMB sample#memory_swap=0\\.00MB "
            + "sample#memory_pgpgin=\\d+pages sample#memory_pgpgout=\\d+pages sample#memory_quota=512\\.00MB");
    private static final Pattern LOAD_LINE = Pattern.compile("heroku\\[worker\\.1]: source=worker\\.1 "
            + "dyno=heroku\\.[0-9a-f-]{36}\\.[0-9a-f]{12} sample#load_avg_1m=\\d+\\.\\d\\d "
            + "sample#load_avg_5m=\\d+\\.\\d\\d sample#load_avg_15m=\\d+\\.\\d\\d");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final java.util.Map<String, java.util.Set<java.time.Instant>> seen =
            new java.util.concurrent.ConcurrentHashMap<>();
    private String token;
    private final String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private PlatformClient client;
    private Agent agent;
    private LogShipper shipper;
    private StatsSampler stats;
    private HealthServer health;
    private Thread loop;

    @BeforeEach
    void twoAppsWithABusyWorkerEachAndARunningAgent(TestPlatform platform, Api api) throws Exception {
        this.api = api;
        String admin = platform.admin("metrics@example.com");
        token = admin;
        client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        for (String app : new String[] {"metered", "quiet"}) {
            assertThat(api.post(admin, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
            String build = Deploys.succeededBuild(api, admin, app, "abcdef0", IMAGE,
                    "{\"worker\":\"while :; do :; done\"}");
            api.post(admin, "/apps/" + app + "/releases", "{\"build\":\"" + build + "\"}");
        }
        assertThat(api.patch(admin, "/apps/metered/features/log-runtime-metrics", "{\"enabled\":true}").status())
                .isEqualTo(200);
        startAgent(platform.baseUrl(), admin);
        for (String app : new String[] {"metered", "quiet"}) {
            api.patch(admin, "/apps/" + app + "/formation", "{\"updates\":[{\"type\":\"worker\",\"quantity\":1}]}");
        }
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        loop.join(Duration.ofSeconds(30));
        health.close();
        stats.close();
        shipper.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void an_app_with_the_feature_gets_herokus_sample_lines_and_one_without_gets_none() {
        await("a memory and a load line in metered's log", () -> {
            String log = client.logs("metered", 200, "worker.1", "heroku");
            return MEMORY_LINE.matcher(log).find() && LOAD_LINE.matcher(log).find();
        });
        String metered = worker("metered");
        assertThat(client.logs("metered", 200, "worker.1", "heroku")).contains("dyno=heroku."
                + client.app("metered").id() + "." + metered.substring(0, 12) + " sample#memory_total=");
        String quiet = worker("quiet");
        await("quiet's worker sampled twice", () -> samples(quiet) >= 2);

        assertThat(logAfterMarker("quiet")).doesNotContain("sample#");
    }

    @Test
    void turning_the_feature_off_stops_the_lines() {
        await("metered's first sample line", () -> client.logs("metered", 200, null, null).contains("sample#"));

        client.setFeature("metered", "log-runtime-metrics", false);
        // A restart gives the process a new container, read under the setting the agent now has.
        String before = worker("metered");
        assertThat(api.delete(token, "/apps/metered/dynos/worker.1").status()).isEqualTo(202);
        var replacement = new AtomicReference<String>();
        await("a new worker.1, up", () -> client.dynos("metered").stream()
                .filter(d -> !d.id().equals(before) && d.state() == ProcessState.UP).findFirst().map(d -> {
                    replacement.set(d.id());
                    return true;
                }).orElse(false));
        String after = replacement.get();
        await("the new worker sampled twice", () -> samples(after) >= 2);

        assertThat(logAfterMarker("metered")).doesNotContain(after.substring(0, 12) + " sample#");
    }

    @Test
    void a_busy_process_shows_its_memory_and_cpu_in_ps_and_on_the_agents_metrics() throws Exception {
        await("metered's worker reported with memory and CPU", () -> client.dynos("metered").stream()
                .anyMatch(d -> d.state() == ProcessState.UP && d.memoryBytes() != null && d.memoryBytes() > 0
                        && d.cpuPercent() != null && d.cpuPercent() > 1));

        var metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + health.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        await("quiet's worker sampled", () -> stats.prometheus().contains("app=\"quiet\""));
        assertThat(metrics.body())
                .containsPattern("agent_process_memory_bytes\\{app=\"metered\",process_type=\"worker\","
                        + "dyno=\"worker.1\"} [1-9]");
        assertThat(stats.prometheus()).containsPattern("agent_process_cpu_percent\\{app=\"quiet\","
                + "process_type=\"worker\",dyno=\"worker.1\"} [0-9]");
    }

    /** The up worker's container id, once there is one. */
    private String worker(String app) {
        var id = new AtomicReference<String>();
        await(app + "'s worker up", () -> client.dynos(app).stream().filter(d -> d.state() == ProcessState.UP)
                .findFirst().map(d -> {
                    id.set(d.id());
                    return true;
                }).orElse(false));
        return id.get();
    }

    /** Readings of the container so far, counted by their times. */
    private int samples(String containerId) {
        stats.latest(containerId).ifPresent(s -> seen.computeIfAbsent(containerId,
                k -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(s.at()));
        var times = seen.get(containerId);
        return times == null ? 0 : times.size();
    }

    /**
     * The app's log once a marker line, shipped after every line so far, is in it: the sampler ships
     * a reading's lines before the reading shows, so none of them can still be on its way.
     */
    private String logAfterMarker(String app) {
        String marker = "marker-" + UUID.randomUUID();
        shipper.platform(new InstanceKey(client.app(app).id().toString(), "worker", 1), marker);
        await("the marker in " + app + "'s log", () -> client.logs(app, 1500, null, null).contains(marker));
        return client.logs(app, 1500, null, null);
    }

    private void startAgent(String baseUrl, String admin) throws Exception {
        var config = new AgentConfig(URI.create(baseUrl), admin, name, "127.0.0.1", 4096, HOST,
                "1000:1000", Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(1));
        var id = new AtomicReference<UUID>();
        shipper = new LogShipper(client, id::get);
        stats = new StatsSampler(docker, shipper, Duration.ofSeconds(1), Clock.systemUTC()).start();
        var woken = new AtomicReference<Agent>();
        agent = new Agent(config, client, new Converger(docker, name, "127.0.0.1", "1000:1000", config.grace(),
                config.bootTimeout(), config.coolOff(), shipper, () -> woken.get().wake(), config.drain()),
                dev.paas.agent.addon.AddonSync.NONE, stats);
        woken.set(agent);
        health = new HealthServer(new InetSocketAddress("127.0.0.1", 0), new AgentHealth(), Duration.ofMinutes(1),
                Clock.systemUTC(), stats::prometheus);
        id.set(agent.register());
        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 60 s: " + what + "; the agent's readings:\n" + stats.prometheus()
                + "\nmetered's log:\n" + client.logs("metered", 50, null, null) + "\ndynos: " + client.dynos("metered")
                + "\nstats now: " + client.dynos("metered").stream().map(d -> docker.stats(d.id())).toList());
    }
}
