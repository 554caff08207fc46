package dev.paas.agent;

import dev.paas.client.ProcessState;
import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.container.FlakyEngine;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The failures a Docker engine returns, fed to a real agent loop against a real control plane: each
 * time the failing process is reported crashed with the reason, and the agent goes on converging
 * another app. The engine produces the failure itself where it can (missing image, out of memory,
 * an address it cannot publish on); port taken and engine restarting come from {@link FlakyEngine}.
 */
@ExtendWith(PlatformExtension.class)
class AgentFaultsTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final String MISSING = "sha256:" + "0".repeat(64);
    private static final String WEB = "{\"web\":\"exec python3 -m http.server $PORT\"}";
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final FlakyEngine engine = new FlakyEngine(docker);
    private final String name = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness harness;
    private int steadyRelease;

    @BeforeEach
    void aServingAppAndAnAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("faults@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        steadyRelease = deploy("steady", IMAGE, WEB);
        harness = new AgentHarness(platform.baseUrl(), admin, name, engine, "127.0.0.1");
        await("steady web.1 up", () -> up("steady", steadyRelease));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void a_release_whose_image_does_not_exist_is_crashed_with_the_reason_and_the_agent_goes_on() {
        deploy("ghost", MISSING, WEB);

        await("ghost web.1 crashed, image not found", () -> crashed("ghost", "web.1")
                .filter(d -> d.reason() != null && d.reason().equals("image " + MISSING + " not found")).isPresent());
        assertThat(client.logs("ghost", 100, "web.1", null))
                .contains("heroku[web.1]: Process failed to start: image " + MISSING + " not found")
                .contains("heroku[web.1]: State changed from starting to crashed");
        theAgentStillConvergesSteady();
    }

    @Test
    void a_process_killed_at_its_memory_limit_is_crashed_out_of_memory_and_the_agent_goes_on() {
        deploy("hog", IMAGE, "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"exec python3 -c "
                + "'import time; x = chr(97) * (1 << 30); time.sleep(600)'\"}");
        api.patch(admin, "/apps/hog/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":0},"
                + "{\"type\":\"worker\",\"quantity\":1}]}");

        await("hog worker.1 crashed out of memory", () -> crashed("hog", "worker.1")
                .filter(d -> d.reason() != null && d.reason().startsWith("out of memory")
                        && d.reason().contains("512 MB")).isPresent());
        assertThat(client.logs("hog", 200, "worker.1", null))
                .contains("heroku[worker.1]: Process crashed: out of memory")
                .contains("heroku[worker.1]: Process exited with status 137");
        theAgentStillConvergesSteady();
    }

    @Test
    void a_host_port_that_is_taken_crashes_that_process_with_the_reason_and_the_agent_goes_on() {
        UUID app = create("taken");
        engine.failStarts(app.toString(), FlakyEngine.portTaken());
        deploy("taken", IMAGE, WEB);

        await("taken web.1 crashed, port taken", () -> crashed("taken", "web.1")
                .filter(d -> d.reason() != null && d.reason().startsWith("host port taken on 127.0.0.1")).isPresent());
        theAgentStillConvergesSteady();
    }

    @Test
    void while_the_engine_restarts_starts_crash_with_the_reason_and_everything_converges_once_it_is_back() {
        engine.failStarts(null, FlakyEngine.unreachable());
        engine.failLists(3);
        int release = deploy("patient", IMAGE, WEB);

        await("patient web.1 crashed, engine unavailable", () -> crashed("patient", "web.1")
                .filter(d -> d.reason() != null && d.reason().startsWith("container engine unavailable")).isPresent());
        assertThat(harness.alive()).isTrue();

        engine.heal();
        await("patient web.1 up once the engine is back", () -> up("patient", release));
        theAgentStillConvergesSteady();
    }

    @Test
    void an_address_the_engine_cannot_publish_on_crashes_web_processes_with_the_reason_and_workers_still_run(
            TestPlatform platform) throws Exception {
        harness.close();
        // 192.0.2.1 (TEST-NET-1) is never an address of this host: the engine itself refuses to publish there.
        harness = new AgentHarness(platform.baseUrl(), admin, name, engine, "192.0.2.1");
        deploy("nowhere", IMAGE, "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"exec sleep 600\"}");
        api.patch(admin, "/apps/nowhere/formation", "{\"updates\":[{\"type\":\"worker\",\"quantity\":1}]}");

        await("nowhere web.1 crashed, cannot publish", () -> crashed("nowhere", "web.1")
                .filter(d -> d.reason() != null && d.reason().startsWith("cannot publish its port on 192.0.2.1"))
                .isPresent());
        await("nowhere worker.1 up", () -> client.dynos("nowhere").stream()
                .anyMatch(d -> d.name().equals("worker.1") && d.state() == ProcessState.UP));
        assertThat(harness.alive()).isTrue();
    }

    private void theAgentStillConvergesSteady() {
        assertThat(harness.alive()).as("the agent's loop is still running").isTrue();
        var release = api.patch(admin, "/apps/steady/config-vars", "{\"NEXT\":\"" + UUID.randomUUID() + "\"}");
        assertThat(release.status()).isEqualTo(200);
        int next = steadyRelease + 1;
        await("steady web.1 up on v" + next, () -> up("steady", next));
        steadyRelease = next;
    }

    private UUID create(String app) {
        var created = api.post(admin, "/apps", "{\"name\":\"" + app + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    private int deploy(String app, String image, String processTypes) {
        if (api.get(admin, "/apps/" + app).status() == 404) {
            create(app);
        }
        String build = Deploys.succeededBuild(api, admin, app, "abcdef0", image, processTypes);
        var release = api.post(admin, "/apps/" + app + "/releases", "{\"build\":\"" + build + "\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        return release.json().get("version").asInt();
    }

    private Optional<Wire.Dyno> crashed(String app, String dyno) {
        return client.dynos(app).stream().filter(d -> d.name().equals(dyno) && d.state() == ProcessState.CRASHED)
                .findFirst();
    }

    private boolean up(String app, int release) {
        return client.dynos(app).stream().anyMatch(d -> d.name().equals("web.1") && d.state() == ProcessState.UP
                && d.release() == release);
    }
}
