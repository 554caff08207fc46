package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml describes the platform as containers: it is valid, every component's image
 * builds from its jar, and the stack comes up (on loopback ports of its own) with an agent that
 * registers. Base images come from PAAS_JAVA_BASE_IMAGE and PAAS_POSTGRES_IMAGE, which bin/test
 * builds from Debian packages here.
 */
class ComposeTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private final Path root = Shell.root();
    private final Map<String, String> env = new HashMap<>();

    ComposeTest(@org.junit.jupiter.api.io.TempDir Path data) {
        env.put("PAAS_BUILDER_DATA_DIR", data.toString());
        env.put("COMPOSE_PROJECT_NAME", "paase2e" + UUID.randomUUID().toString().substring(0, 8));
        env.put("PAAS_JAVA_BASE_IMAGE", System.getenv().getOrDefault("PAAS_JAVA_BASE_IMAGE", "paas/jre:local"));
        env.put("PAAS_POSTGRES_IMAGE", System.getenv().getOrDefault("PAAS_POSTGRES_IMAGE", "paas/postgres:15"));
        env.put("PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_PG_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_AGENT_NAME", "compose-" + env.get("COMPOSE_PROJECT_NAME"));
        env.put("PAAS_BUILDER_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_ROUTER_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_ROUTER_ADMIN_PORT", String.valueOf(Shell.freePort()));
    }

    @AfterEach
    void down() {
        compose("down", "-v", "--remove-orphans");
    }

    @Test
    void the_file_is_valid_and_each_component_image_is_built_from_its_jar() throws Exception {
        var services = compose("config", "--services").orFail("docker-compose config").output().lines().toList();
        var config = compose("config").orFail("docker-compose config").output();

        assertThat(services).contains("postgres", "api", "agent", "builder", "router");
        var jars = config.lines().filter(l -> l.trim().startsWith("JAR: ")).map(l -> l.trim().substring(5)).toList();
        assertThat(jars).hasSizeGreaterThanOrEqualTo(services.size() - 1);
        for (String jar : jars) {
            assertThat(Files.exists(root.resolve(jar))).as("%s is built before the image", jar).isTrue();
        }
        assertThat(config).as("base images are config").contains("BASE_IMAGE: " + env.get("PAAS_JAVA_BASE_IMAGE"))
                .contains("image: " + env.get("PAAS_POSTGRES_IMAGE"));
    }

    @Test
    void the_stack_comes_up_and_every_component_answers() throws Exception {
        compose("build", "api", "agent", "builder", "router").orFail("docker-compose build");
        compose("up", "-d", "postgres", "api").orFail("docker-compose up");
        String api = "http://127.0.0.1:" + env.get("PORT");
        await("the API answers /healthz", () -> status(api + "/healthz", null) == 200);

        String token = compose("exec", "-T", "api", "java", "-jar", "/opt/paas/app.jar", "create-user",
                "ops@example.com", "--admin").orFail("create-user").output().lines()
                .filter(l -> l.startsWith("paas_")).findFirst().orElseThrow();
        env.put("PAAS_API_KEY", token);
        env.put("PAAS_DOCKER_GID", String.valueOf(Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid")));
        compose("up", "-d", "agent", "builder", "router").orFail("docker-compose up agent builder router");

        await("the agent registers and heartbeats", () -> body(api + "/agents", token)
                .contains("\"name\":\"" + env.get("PAAS_AGENT_NAME") + "\"") && body(api + "/agents", token)
                .contains("\"status\":\"alive\""));
        assertThat(status(api + "/apps", null)).as("the API in a container still wants a token").isEqualTo(401);
        await("the builder answers", () -> status("http://127.0.0.1:" + env.get("PAAS_BUILDER_PORT") + "/healthz",
                null) == 200);
        await("the router answers", () -> status("http://127.0.0.1:" + env.get("PAAS_ROUTER_ADMIN_PORT")
                + "/healthz", null) == 200);
        assertThat(status("http://127.0.0.1:" + env.get("PAAS_ROUTER_PORT") + "/", null))
                .as("no app at that hostname").isEqualTo(404);
    }

    private Shell.Result compose(String... args) {
        var command = new ArrayList<>(List.of("docker-compose", "-f", root.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        return Shell.run(root, env, LONG, command);
    }

    private static int status(String url, String token) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception notYet) {
            return 0;
        }
    }

    private static String body(String url, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notYet) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 2 min: " + what);
            }
            Thread.sleep(250);
        }
    }
}
