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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A release whose health check fails, deployed under load: its process never becomes up, so it is
 * never routed to, and the old release's process keeps serving every request meanwhile.
 */
@ExtendWith(PlatformExtension.class)
class HealthCheckDeployTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final String WEB = "{\"web\":\"exec python3 -m http.server $PORT\"}";
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String name = "checks-" + UUID.randomUUID().toString().substring(0, 8);
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness agent;

    @BeforeEach
    void deployedAppOnARunningAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        assertThat(api.post(admin, "/apps", "{\"name\":\"checked\"}").status()).isEqualTo(201);
        release(Deploys.succeededBuild(api, admin, "checked", "abcdef0", IMAGE, WEB));
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1", Duration.ofSeconds(2));
        await("web.1 routed", () -> backends().size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        docker.list("paas.agent=" + name).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + name).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void deploying_a_release_whose_health_check_fails_under_load_fails_no_request_and_the_old_release_serves_on()
            throws Exception {
        int old = backends().getFirst().release();
        var load = new RouteTableLoad(this::backends);
        try (load) {
            await("requests flowing", () -> load.served() > 20);

            release(build("{\"web\":[{\"type\":\"startup\",\"path\":\"/health\",\"attempts\":2,"
                    + "\"timeout_seconds\":2,\"wait_seconds\":1,\"initial_delay_seconds\":0}]}"));

            assertThat(client.agentInstances(agent.id)).as("the checks reach the agent with the release")
                    .singleElement().satisfies(i -> assertThat(i.healthchecks()).containsExactly(
                            new Wire.HealthCheck("startup", null, "/health", null, null, null, 2, 2, 1, 0)));
            await("the new release's web.1 crashed on its health check", () -> client.dynos("checked").stream()
                    .anyMatch(d -> d.release() == old + 1 && d.state() == ProcessState.CRASHED
                            && "health check failed: startup GET /health returned 404 (2 attempts)".equals(d.reason())));
            int served = load.served();
            await("the old release still serves", () -> load.served() > served + 20);
        }

        assertThat(load.failures()).as("failed requests").isEmpty();
        assertThat(load.routedReleases()).as("only the old release was ever routed to").containsOnly(old);
        assertThat(load.served()).as("requests served").isGreaterThan(40);
    }

    private String build(String healthchecksJson) {
        String pusher = api.get(admin, "/account").json().get("id").asText();
        var build = api.post(api.builderToken(), "/apps/checked/builds", "{\"commit\":\"abcdef1\",\"user\":\""
                + pusher + "\"}");
        assertThat(build.status()).as(build.body()).isEqualTo(201);
        String id = build.json().get("id").asText();
        var finished = api.patch(api.builderToken(), "/apps/checked/builds/" + id, "{\"status\":\"succeeded\","
                + "\"image\":\"" + IMAGE + "\",\"process_types\":" + WEB + ",\"output\":\"done\",\"healthchecks\":"
                + healthchecksJson + "}");
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        return id;
    }

    private void release(String build) {
        var release = api.post(admin, "/apps/checked/releases", "{\"build\":\"" + build + "\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
    }

    private List<Wire.RouteBackend> backends() {
        return client.routes().routes().stream().filter(r -> r.app().equals("checked"))
                .flatMap(r -> r.backends().stream()).toList();
    }
}
