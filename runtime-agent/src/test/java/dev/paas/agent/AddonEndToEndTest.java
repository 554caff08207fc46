package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.agent.addon.DockerAddons;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Add-ons on a real control plane, a real agent and real Postgres and Redis containers: apps reach
 * them from one-off processes through their URL, their data outlives restarts, other tenants cannot
 * reach them, and destroying one takes its data.
 */
@ExtendWith(PlatformExtension.class)
class AddonEndToEndTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    /** The Postgres add-on image without its server entry point: an app image that has psql. */
    private static final String PSQL_IMAGE = "paas-test/psql:addons";
    private static final String REDIS_IMAGE = "paas/redis:7";
    private final String name = "addons-" + UUID.randomUUID().toString().substring(0, 8);
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private DockerAddons addons;
    private TestPlatform platform;
    private Api api;
    private String admin;
    private PlatformClient client;
    private AgentHarness agent;

    @BeforeAll
    static void psqlImage() throws Exception {
        if (docker("image", "inspect", PSQL_IMAGE).exit() != 0) {
            var build = new ProcessBuilder("docker", "build", "-q", "-t", PSQL_IMAGE, "-").redirectErrorStream(true)
                    .start();
            build.getOutputStream().write("FROM paas/postgres:15\nENTRYPOINT []\n".getBytes(StandardCharsets.UTF_8));
            build.getOutputStream().close();
            String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(build.waitFor()).as(out).isZero();
        }
    }

    @BeforeEach
    void agent(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.admin = platform.admin("addons@example.com");
        this.client = new PlatformClient(URI.create(platform.baseUrl()), admin);
        this.addons = new DockerAddons(HOST, name);
        startAgent();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        for (String label : List.of("paas.agent=" + name, "paas.addon.agent=" + name)) {
            for (String id : docker("ps", "-aq", "--filter", "label=" + label).lines()) {
                docker("rm", "-f", id);
            }
        }
        for (String id : docker("volume", "ls", "-q", "--filter", "label=paas.addon.agent=" + name).lines()) {
            docker("volume", "rm", "-f", id);
        }
        for (String label : List.of("paas.agent=" + name, "paas.addon.agent=" + name)) {
            for (String id : docker("network", "ls", "-q", "--filter", "label=" + label).lines()) {
                docker("network", "rm", id);
            }
        }
        addons.close();
        docker.close();
    }

    @Test
    void a_postgres_add_on_serves_its_apps_keeps_its_data_and_takes_it_when_destroyed() throws Exception {
        app(admin, "shop", PSQL_IMAGE);
        var created = api.post(admin, "/apps/shop/addons", "{\"plan\":\"heroku-postgresql:essential-0\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String addon = created.json().get("name").asText();
        assertThat(created.json().get("state").asText()).isEqualTo("provisioning");

        await("provisioned", () -> "provisioned".equals(api.get(admin, "/addons/" + addon).json().get("state").asText()));
        assertThat(config("shop").get("DATABASE_URL").asText()).contains("@" + addon + ":5432/");
        assertThat(latestRelease("shop").get("description").asText()).isEqualTo("Attach DATABASE (@ref:" + addon + ")");

        assertThat(run("shop", "psql \"$DATABASE_URL\" -v ON_ERROR_STOP=1 -c "
                + "\"create table notes (body text); insert into notes values ('kept across restarts')\""))
                .contains("exit=0");
        assertThat(run("shop", select())).contains("kept across restarts").contains("exit=0");

        String container = addons.list().get(0).containerId();
        var restarted = docker("restart", container);
        assertThat(restarted.exit()).as(restarted.out()).isZero();
        await("healthy after its restart", () -> "healthy".equals(addons.list().get(0).health()));
        assertThat(run("shop", select())).as("after the add-on's restart").contains("kept across restarts");

        // Stopped, the add-on is no endpoint of the app's network: the agent keeps the network (no
        // process of the app runs) and starts the same container again on it.
        assertThat(docker("stop", container).exit()).isZero();
        api.patch(admin, "/apps/shop/config-vars", "{\"WAKE\":\"the agent\"}");
        await("started again by the agent", () -> addons.list().stream().anyMatch(c -> c.running()
                && "healthy".equals(c.health())));
        assertThat(addons.list()).extracting(c -> c.containerId()).containsExactly(container);
        assertThat(run("shop", select())).as("after a stop").contains("kept across restarts");

        agent.close();
        startAgent();
        assertThat(run("shop", select())).as("after the agent's restart").contains("kept across restarts");
        assertThat(addons.list()).extracting(c -> c.containerId()).containsExactly(container);

        app(admin, "worker", PSQL_IMAGE);
        // Attached and run while the agent is down: its next pass sees both at once, and joins the add-on
        // to worker's network before the one-off starts on it.
        agent.close();
        var attached = api.post(admin, "/addon-attachments", "{\"addon\":\"" + addon + "\",\"app\":\"worker\"}");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        String first = startRun("worker", select());
        startAgent();
        assertThat(output("worker", first)).as("the attached app reads it at once").contains("kept across restarts");

        String mallory = platform.user("mallory@example.com");
        app(mallory, "loot", PSQL_IMAGE);
        String url = config("shop").get("DATABASE_URL").asText();
        String ip = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container)
                .out().trim().split(" ")[0];
        String theft = run("loot", "psql \"" + url + "?connect_timeout=3\" -c 'select 1'; echo by-name=$?; "
                + "psql \"" + url.replace("@" + addon + ":", "@" + ip + ":") + "?connect_timeout=3\" -c 'select 1'");
        assertThat(theft).as("another tenant reaches it neither by name nor by address")
                .contains("by-name=2").doesNotContain("(1 row)").doesNotContain("exit=0");

        assertThat(api.delete(admin, "/addons/" + addon).status()).isEqualTo(422);
        assertThat(addons.list()).hasSize(1);
        var destroyed = api.delete(admin, "/addons/" + addon + "?confirm=shop");
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        await("container and volume removed", () -> addons.list().isEmpty() && addons.volumes().isEmpty());
        assertThat(config("shop").has("DATABASE_URL")).isFalse();
        assertThat(config("worker").has("DATABASE_URL")).isFalse();
        assertThat(latestRelease("shop").get("description").asText()).isEqualTo("Detach DATABASE (@ref:" + addon + ")");
    }

    @Test
    void a_redis_add_on_sets_redis_url_which_redis_cli_uses() throws Exception {
        app(admin, "cache", REDIS_IMAGE);
        var created = api.post(admin, "/apps/cache/addons", "{\"plan\":\"redis\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String addon = created.json().get("name").asText();

        await("provisioned", () -> "provisioned".equals(api.get(admin, "/addons/" + addon).json().get("state").asText()));

        String out = run("cache", "redis-cli --no-auth-warning -u \"$REDIS_URL\" set greeting hello-from-redis && "
                + "redis-cli --no-auth-warning -u \"$REDIS_URL\" get greeting");
        assertThat(out).contains("hello-from-redis").contains("exit=0");
        String unauthenticated = run("cache", "redis-cli -h " + addon + " get greeting");
        assertThat(unauthenticated).contains("NOAUTH").doesNotContain("hello-from-redis");
    }

    private void startAgent() {
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1", Duration.ofMillis(500), addons);
    }

    /** An app released with {@code image}; only one-offs run (no formation). */
    private void app(String token, String app, String image) {
        assertThat(api.post(token, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, token, app, "abcdef0", image, "{\"console\":\"sleep 1\"}");
        assertThat(api.post(token, "/apps/" + app + "/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(201);
        this.tokens.put(app, token);
    }

    private final java.util.Map<String, String> tokens = new java.util.HashMap<>();

    /** Runs a one-off of the app as its owner; its output once it ended, with "exit=STATUS" last. */
    private String run(String app, String command) throws IOException {
        return output(app, startRun(app, command));
    }

    /** Asks for a one-off of the app as its owner; its name. */
    private String startRun(String app, String command) throws IOException {
        var body = Json.mapper().writeValueAsString(Map.of("command", command + " 2>&1; echo \"ex\"\"it=$?\"",
                "attach", false));
        var started = api.post(tokens.get(app), "/apps/" + app + "/dynos", body);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().get("name").asText();
    }

    /** The one-off's output once it ended, with "exit=STATUS" last. */
    private String output(String app, String dyno) {
        await(dyno + " of " + app + " ended", () -> client.logs(app, 500, dyno, null).contains("]: exit="));
        // the output only: the command (in the platform's "Starting process" line) says much the same
        return client.logs(app, 500, dyno, null).lines().filter(l -> l.contains(" app[")).reduce("",
                (a, b) -> a + b + "\n");
    }

    private static String select() {
        return "psql \"$DATABASE_URL\" -tA -c 'select body from notes'";
    }

    private JsonNode config(String app) {
        return api.get(admin, "/apps/" + app + "/config-vars").json();
    }

    private JsonNode latestRelease(String app) {
        return api.get(admin, "/apps/" + app + "/releases", "Range", "version ..; order=desc, max=1").json().get(0);
    }

    private record Result(int exit, String out) {
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add("docker");
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }
}
