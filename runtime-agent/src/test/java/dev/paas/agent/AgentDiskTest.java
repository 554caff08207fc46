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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the agent leaves on the host's disk, with a real control plane and real containers. */
@ExtendWith(PlatformExtension.class)
class AgentDiskTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "disk-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness harness;
    private String appId;

    @BeforeEach
    void anAppAndAnAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("disk@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        var created = api.post(admin, "/apps", "{\"name\":\"tidy\"}");
        appId = created.json().get("id").asText();
        String build = Deploys.succeededBuild(api, admin, "tidy", "abcdef0", IMAGE,
                "{\"web\":\"exec python3 -m http.server $PORT\",\"worker\":\"exec sleep 600\"}");
        assertThat(api.post(admin, "/apps/tidy/releases", "{\"build\":\"" + build + "\"}").status()).isEqualTo(201);
        harness = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void an_ended_one_off_is_removed_once_its_output_is_in_the_log() {
        var run = api.post(admin, "/apps/tidy/dynos", "{\"command\":\"echo last words of $DYNO\",\"attach\":false}");
        assertThat(run.status()).as(run.body()).isEqualTo(201);

        await("its output and its exit in the log", () -> {
            String log = client.logs("tidy", 100, "run.1", null);
            return log.contains("app[run.1]: last words of run.1") && log.contains("Process exited with status 0");
        });
        await("its container removed", () -> ofType("run").isEmpty());
        assertThat(client.logs("tidy", 100, "run.1", null)).contains("app[run.1]: last words of run.1");
    }

    @Test
    void a_destroyed_apps_containers_and_network_are_removed() {
        api.patch(admin, "/apps/tidy/formation", "{\"updates\":[{\"type\":\"worker\",\"quantity\":1}]}");
        await("web and worker running on the app's network", () -> ofType("web").size() == 1
                && ofType("worker").size() == 1 && ofType("web").getFirst().running());
        assertThat(docker.networks("paas.app=" + appId)).hasSize(1);

        assertThat(api.delete(admin, "/apps/tidy").status()).isEqualTo(200);

        await("no container and no network of the app left", () -> docker.list("paas.app=" + appId).isEmpty()
                && docker.networks("paas.app=" + appId).isEmpty());
        assertThat(harness.alive()).isTrue();
    }

    private List<Container> ofType(String type) {
        return docker.list("paas.agent=" + name).stream().filter(c -> type.equals(c.labels().get("paas.type")))
                .toList();
    }
}
