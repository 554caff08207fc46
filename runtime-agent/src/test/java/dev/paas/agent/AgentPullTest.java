package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import dev.paas.common.registry.Registry;
import dev.paas.common.registry.TestRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Release images named by digest in a real registry ({@code docker-registry}, htpasswd auth) that this engine lacks:
 * the agent pulls them before starting, and a pull that fails is that process's crash, with the registry's reason,
 * while the agent goes on converging another app.
 */
@ExtendWith(PlatformExtension.class)
class AgentPullTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final String WEB = "{\"web\":\"exec python3 -m http.server $PORT\"}";
    private static TestRegistry registry;
    /** The stack image pushed to the test registry, by digest. */
    private static String pushed;
    private final String name = "pull-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRuntime docker;
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness harness;
    private int steadyRelease;

    @BeforeAll
    static void aRegistryHoldingTheStackImage() throws Exception {
        registry = TestRegistry.start();
        pushed = registry.pushKept(IMAGE, "paas-app/pulled");
        forget();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            forget();
            registry.close();
        }
    }

    @BeforeEach
    void theApi(Api api) {
        this.api = api;
    }

    private void startAgent(TestPlatform platform, Registry credentials) {
        this.admin = platform.admin("pull@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        docker = new DockerRuntime(HOST, "10m", 3, credentials, Duration.ofSeconds(60));
        steadyRelease = deploy("steady", IMAGE);
        harness = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1");
        await("steady web.1 up", () -> up("steady", steadyRelease));
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (docker != null) {
            docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
            docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
            docker.close();
        }
        forget();
    }

    @Test
    void an_image_the_engine_lacks_is_pulled_by_digest_and_its_process_comes_up(TestPlatform platform)
            throws Exception {
        assertThat(present(pushed)).as("the engine lacks " + pushed).isFalse();
        startAgent(platform, registry.registry());

        int release = deploy("pulled", pushed);

        await("pulled web.1 up", () -> up("pulled", release));
        assertThat(present(pushed)).isTrue();
    }

    @Test
    void an_unknown_digest_is_crashed_with_the_pull_failure_and_the_agent_goes_on(TestPlatform platform) {
        startAgent(platform, registry.registry());
        String unknown = pushed.substring(0, pushed.indexOf('@')) + "@sha256:" + "0".repeat(64);

        deploy("unknown", unknown);

        awaitCrashed("unknown", "image pull failed: " + unknown + " from " + registry.address(), "manifest unknown");
        assertThat(client.logs("unknown", 100, "web.1", null))
                .contains("heroku[web.1]: Process failed to start: image pull failed: " + unknown);
        theAgentStillConvergesSteady();
    }

    @Test
    void a_refused_password_is_crashed_with_the_pull_failure_and_the_agent_goes_on(TestPlatform platform) {
        startAgent(platform, new Registry(registry.address(), TestRegistry.USER, "not-the-password"));

        deploy("refused", pushed);

        awaitCrashed("refused", "image pull failed: " + pushed, "unauthorized");
        theAgentStillConvergesSteady();
    }

    @Test
    void a_registry_that_is_down_is_crashed_with_the_pull_failure_and_the_agent_goes_on(TestPlatform platform)
            throws IOException {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String down = "127.0.0.1:" + deadPort;
        startAgent(platform, new Registry(down, TestRegistry.USER, TestRegistry.PASSWORD));
        String image = down + pushed.substring(pushed.indexOf('/'));

        deploy("down", image);

        awaitCrashed("down", "image pull failed: " + image + " from " + down, "connection refused");
        theAgentStillConvergesSteady();
    }

    private void awaitCrashed(String app, String reasonStart, String registrySays) {
        await(app + " web.1 crashed: " + reasonStart + " ... " + registrySays, () -> crashed(app)
                .filter(d -> d.reason() != null && d.reason().startsWith(reasonStart)
                        && d.reason().toLowerCase(java.util.Locale.ROOT).contains(registrySays)).isPresent());
        assertThat(harness.alive()).as("the agent's loop is still running").isTrue();
    }

    private void theAgentStillConvergesSteady() {
        var release = api.patch(admin, "/apps/steady/config-vars", "{\"NEXT\":\"" + UUID.randomUUID() + "\"}");
        assertThat(release.status()).isEqualTo(200);
        int next = steadyRelease + 1;
        await("steady web.1 up on v" + next, () -> up("steady", next));
        assertThat(harness.alive()).isTrue();
    }

    private int deploy(String app, String image) {
        if (api.get(admin, "/apps/" + app).status() == 404) {
            var created = api.post(admin, "/apps", "{\"name\":\"" + app + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        String build = Deploys.succeededBuild(api, admin, app, "abcdef0", image, WEB);
        var release = api.post(admin, "/apps/" + app + "/releases", "{\"build\":\"" + build + "\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        return release.json().get("version").asInt();
    }

    private Optional<Wire.Dyno> crashed(String app) {
        return client.dynos(app).stream().filter(d -> d.name().equals("web.1") && d.state() == ProcessState.CRASHED)
                .findFirst();
    }

    private boolean up(String app, int release) {
        return client.dynos(app).stream().anyMatch(d -> d.name().equals("web.1") && d.state() == ProcessState.UP
                && d.release() == release);
    }

    /** Drops the pulled digest reference again (the stack image itself stays under its own tag). */
    private static void forget() throws IOException, InterruptedException {
        if (pushed != null && present(pushed)) {
            TestRegistry.docker(List.of("rmi", pushed), null);
        }
    }

    private static boolean present(String image) throws IOException, InterruptedException {
        return new ProcessBuilder("/usr/bin/docker", "image", "inspect", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }
}
