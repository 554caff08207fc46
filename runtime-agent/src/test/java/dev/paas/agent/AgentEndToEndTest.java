package dev.paas.agent;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real control plane, a real agent loop and real containers: the formation converges on the host. */
@ExtendWith(PlatformExtension.class)
class AgentEndToEndTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    /** Longer than any wait below: only change events (list-then-watch) can make the agent act in time. */
    private static final Duration RESYNC = Duration.ofMinutes(5);
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private String admin;
    private PlatformClient client;
    private Agent agent;
    private dev.paas.agent.logs.LogShipper shipper;
    private Thread loop;

    @BeforeEach
    void deployedAppAndRunningAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("agent@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"hosted\"}").status()).isEqualTo(201);
        api.patch(admin, "/apps/hosted/config-vars", "{\"GREETING\":\"hello\"}");
        String build = Deploys.succeededBuild(api, admin, "hosted", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"echo hello from $DYNO; "
                        + "trap 'echo bye from $DYNO; exit 0' TERM; while true; do sleep 0.1; done\"}");
        api.post(admin, "/apps/hosted/releases", "{\"build\":\"" + build + "\"}");
        startAgent(platform);
    }

    @AfterEach
    void stop() throws Exception {
        stopAgent();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void scaling_up_and_down_converges_the_host_and_ps_reports_it() {
        api.patch(admin, "/apps/hosted/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":3},"
                + "{\"type\":\"worker\",\"quantity\":1}]}");
        await("three web and one worker up", () -> upDynos("web") == 3 && upDynos("worker") == 1);
        client.dynos("hosted").stream().filter(d -> d.type().equals("web"))
                .forEach(d -> assertThat(http(d.port())).isEqualTo(200));

        api.patch(admin, "/apps/hosted/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":1}]}");
        await("one web left", () -> containers().stream().filter(c -> "web".equals(c.labels().get("paas.type")))
                .count() == 1 && upDynos("web") == 1);
    }

    @Test
    void a_config_change_rolls_every_instance_onto_the_new_release() {
        await("web.1 up on v3", () -> upDynos("web") == 1);

        api.patch(admin, "/apps/hosted/config-vars", "{\"GREETING\":\"hi\"}");

        await("web.1 replaced by v4", () -> containers().size() == 1
                && containers().getFirst().labels().get("paas.release").equals("4") && upDynos("web") == 1);
    }

    @Test
    void a_deploy_and_a_rollback_each_replace_the_instance_and_serve_the_right_build() {
        await("web.1 up on v3", () -> upDynos("web") == 1);
        String build = Deploys.succeededBuild(api, admin, "hosted", "bcdef01", IMAGE,
                "{\"web\":\"mkdir -p /tmp/v2 && cd /tmp/v2 && echo two > index.html && exec python3 -m http.server "
                        + "$PORT\"}");
        assertThat(api.post(admin, "/apps/hosted/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
        await("web.1 on v4 serves the new build", () -> servesOnRelease(4, "two"));

        assertThat(api.post(admin, "/apps/hosted/releases", "{\"release\":\"v3\"}").status()).isEqualTo(201);
        await("web.1 on v5 (v3's build) again", () -> containers().size() == 1 && upDynos("web") == 1
                && containers().getFirst().labels().get("paas.release").equals("5"));
    }

    @Test
    void a_restart_replaces_the_process_with_a_new_one_of_the_same_release() {
        await("web.1 up", () -> upDynos("web") == 1);
        String before = containers().getFirst().id();

        assertThat(api.delete(admin, "/apps/hosted/dynos/web.1").status()).isEqualTo(202);

        await("web.1 restarted: a new container, up", () -> containers().size() == 1
                && !containers().getFirst().id().equals(before) && upDynos("web") == 1
                && client.dynos("hosted").stream().allMatch(d -> !d.id().equals(before)));
        assertThat(containers().getFirst().labels()).containsEntry("paas.release", "3")
                .containsEntry("paas.generation", "1");
    }

    private boolean servesOnRelease(int release, String body) {
        var up = client.dynos("hosted").stream().filter(d -> d.state() == ProcessState.UP && d.release() == release)
                .toList();
        if (up.isEmpty()) {
            return false;
        }
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + up.getFirst().port() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains(body);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void a_restarted_agent_adopts_its_containers_without_restarting_them(TestPlatform platform) throws Exception {
        await("web.1 up", () -> upDynos("web") == 1);
        var before = containers().stream().map(Container::id).toList();

        stopAgent();
        startAgent(platform);
        for (int pass = 0; pass < 3; pass++) {
            assertThat(agent.syncOnce()).as("pass %d changed nothing", pass).isFalse();
        }

        assertThat(containers().stream().map(Container::id).toList()).isEqualTo(before);
    }

    @Test
    void two_agents_share_the_instances_of_one_app(TestPlatform platform) throws Exception {
        var secondName = name + "-b";
        var config = new AgentConfig(URI.create(platform.baseUrl()), admin, secondName, "127.0.0.1", 4096, HOST,
                "1000:1000", Duration.ofSeconds(5), RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofSeconds(1));
        var second = new Agent(config, client, new Converger(docker, secondName, "127.0.0.1", "1000:1000",
                config.grace()));
        second.register();
        var secondLoop = Thread.ofVirtual().start(() -> {
            try {
                second.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            api.patch(admin, "/apps/hosted/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":2}]}");

            await("one web on each agent", () -> upDynos("web") == 2 && containers().size() == 1
                    && docker.list("paas.agent=" + secondName).stream().filter(Container::running).count() == 1);
        } finally {
            second.close();
            secondLoop.join(Duration.ofSeconds(30));
            docker.list("paas.agent=" + secondName).forEach(c -> docker.remove(c.id()));
            docker.networks("paas.agent=" + secondName).forEach(docker::removeNetwork);
        }
    }

    @Test
    void an_agent_cut_off_from_the_control_plane_keeps_its_processes_running() throws Exception {
        await("web.1 up", () -> upDynos("web") == 1);
        var before = containers().stream().map(Container::id).toList();
        int deadPort;
        try (var socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        var cutOff = new Agent(new AgentConfig(URI.create("http://127.0.0.1:" + deadPort), admin, name, "127.0.0.1",
                4096, HOST, "1000:1000", Duration.ofSeconds(5), RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofSeconds(1)), new PlatformClient(URI.create("http://127.0.0.1:" + deadPort), admin),
                new Converger(docker, name, "127.0.0.1", "1000:1000", Duration.ofSeconds(5)));
        stopAgent();

        assertThat(cutOff.syncOnce()).isFalse();
        assertThat(containers().stream().map(Container::id).toList()).isEqualTo(before);
        startAgentAgain();
    }

    private TestPlatform platformForRestart;

    private void startAgentAgain() {
        startAgent(platformForRestart);
    }

    @Test
    void process_output_and_platform_lines_reach_the_log_including_the_last_words_on_sigterm() {
        api.patch(admin, "/apps/hosted/formation", "{\"updates\":[{\"type\":\"worker\",\"quantity\":1}]}");
        await("the worker's first line", () -> client.logs("hosted", 100, "worker", null)
                .contains("app[worker.1]: hello from worker.1"));

        api.patch(admin, "/apps/hosted/formation", "{\"updates\":[{\"type\":\"worker\",\"quantity\":0}]}");

        await("its last line, written on SIGTERM, then its exit", () -> client.logs("hosted", 100, "worker", null)
                .contains("heroku[worker.1]: Process exited with status 0"));
        String log = client.logs("hosted", 100, null, null);
        assertThat(log).contains("heroku[worker.1]: Starting process with command")
                .contains("heroku[worker.1]: State changed from starting to up")
                .contains("heroku[worker.1]: Stopping all processes with SIGTERM")
                .contains("heroku[worker.1]: Process exited with status 0");
        assertThat(log.indexOf("app[worker.1]: bye from worker.1")).as("its last words come before its exit")
                .isPositive().isLessThan(log.indexOf("heroku[worker.1]: Process exited with status 0"));
    }

    private void startAgent(TestPlatform platform) {
        platformForRestart = platform;
        var config = new AgentConfig(URI.create(platform.baseUrl()), admin, name, "127.0.0.1", 4096, HOST,
                "1000:1000", Duration.ofSeconds(5), RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofSeconds(1));
        var id = new java.util.concurrent.atomic.AtomicReference<UUID>();
        shipper = new dev.paas.agent.logs.LogShipper(client, id::get);
        var woken = new java.util.concurrent.atomic.AtomicReference<Agent>();
        agent = new Agent(config, client, new Converger(docker, name, "127.0.0.1", "1000:1000", config.grace(),
                config.bootTimeout(), config.coolOff(), shipper, () -> woken.get().wake(), config.drain()));
        woken.set(agent);
        id.set(agent.register());
        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void stopAgent() throws InterruptedException {
        agent.close();
        loop.join(Duration.ofSeconds(30));
        shipper.close();
    }

    private List<Container> containers() {
        return docker.list("paas.agent=" + name).stream().filter(Container::running).toList();
    }

    private long upDynos(String type) {
        return client.dynos("hosted").stream().filter(d -> d.type().equals(type) && d.state() == ProcessState.UP).count();
    }

    private static void await(String what, BooleanSupplier condition) {
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
        throw new AssertionError("not within 60 s: " + what);
    }

    private static int http(Integer port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("no answer on port " + port, e);
        }
    }

}
