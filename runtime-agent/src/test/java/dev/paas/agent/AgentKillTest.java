package dev.paas.agent;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent as a real OS process, killed with SIGKILL mid-life: its successor adopts every container. */
@ExtendWith(PlatformExtension.class)
class AgentKillTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    private TestPlatform platform;
    private String admin;
    private PlatformClient client;
    private Process agent;

    @BeforeEach
    void deployed(TestPlatform platform, Api api) {
        this.platform = platform;
        this.admin = platform.admin("ops@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"sturdy\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, admin, "sturdy", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"exec sleep 600\"}");
        assertThat(api.post(admin, "/apps/sturdy/releases", "{\"build\":\"" + build + "\"}").status()).isEqualTo(201);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (agent != null) {
            agent.destroyForcibly().waitFor();
        }
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void kill_9_of_the_agent_stops_no_app_process_and_its_successor_adopts_them_all() throws Exception {
        agent = startAgent("first");
        client.scale("sturdy", List.of(new Wire.FormationUpdate("web", 2, null),
                new Wire.FormationUpdate("worker", 1, null)));
        await("web.1, web.2 and worker.1 up", () -> upDynos().size() == 3);
        Map<String, Instant> before = running();
        assertThat(before).hasSize(3);

        agent.destroyForcibly();
        assertThat(agent.waitFor()).as("killed by SIGKILL").isEqualTo(137);

        assertThat(running()).as("no app process stopped with the agent").isEqualTo(before);
        upDynos().stream().filter(d -> d.type().equals("web"))
                .forEach(d -> assertThat(http(d.port())).as("%s serves", d.name()).isEqualTo(200));

        agent = startAgent("second");
        client.scale("sturdy", List.of(new Wire.FormationUpdate("worker", 2, null)));
        await("the successor acts: worker.2 up", () -> upDynos().stream().anyMatch(d -> d.name().equals("worker.2")));

        Map<String, Instant> after = running();
        assertThat(after).hasSize(4);
        before.forEach((id, startedAt) -> assertThat(after).as("container %s adopted, not restarted", id)
                .containsEntry(id, startedAt));
    }

    private Process startAgent(String label) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + "-" + label + ".log"));
        var env = builder.environment();
        env.put("PAAS_API_URL", platform.baseUrl());
        env.put("PAAS_API_KEY", admin);
        env.put("PAAS_AGENT_NAME", name);
        env.put("PAAS_RESYNC_SECONDS", "300");
        env.put("PAAS_HEARTBEAT_SECONDS", "1");
        env.put("PAAS_STOP_GRACE_SECONDS", "5");
        env.put("DOCKER_HOST", HOST);
        return builder.start();
    }

    private List<Wire.Dyno> upDynos() {
        return client.dynos("sturdy").stream().filter(d -> d.state() == ProcessState.UP).toList();
    }

    private Map<String, Instant> running() {
        return docker.list("paas.agent=" + name).stream().filter(Container::running)
                .collect(Collectors.toMap(Container::id, Container::startedAt));
    }

    private static int http(Integer port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("no answer on port " + port, e);
        }
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new AssertionError("the agent process exited with " + agent.exitValue() + " while waiting for "
                        + what + "; see target/" + name + "-*.log");
            }
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
        throw new AssertionError("not within 90 s: " + what);
    }
}
