package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path, end to end, on the platform as {@code bin/platform up} starts it: the real
 * CLI, the real git, requests through the router, and a steady load that must see no failure
 * while the app is configured, scaled up, deployed again, rolled back and scaled down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserPathTest {
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;
    private static Load load;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void platformUp() throws Exception {
        platform = new LocalPlatform(dir).up();
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("demo"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true,
                 "scripts": {"start": "node server.js"}, "engines": {"node": ">=18"}}
                """);
        Files.writeString(repo.resolve("server.js"), server("v1"));
        git("add", ".");
        git("commit", "-q", "-m", "demo v1");
    }

    @AfterAll
    static void platformDown() throws Exception {
        if (load != null) {
            load.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void login_create_and_push_serve_the_app_through_the_router() throws Exception {
        ok(paas("login", "--token", platform.adminToken()));
        var created = ok(paas("apps:create", "demo"));
        assertThat(created.output()).contains("http://demo.localhost");
        assertThat(git("remote", "get-url", "paas").output().strip()).isEqualTo(platform.gitUrl() + "/demo.git");

        var push = git("push", "paas", "main");

        assertThat(push.output()).contains("remote: -----> Node.js app detected").contains("Released v");
        await("demo.localhost serves v1", () -> get("demo.localhost").contains("v1"));
        assertThat(get("demo.localhost")).contains("hello from web.1");
        assertThat(status("nothing-here.localhost")).isEqualTo(404);
        load = new Load(() -> get("demo.localhost"));
    }

    @Test
    @Order(2)
    void config_set_rolls_a_new_release_without_a_failed_request() {
        ok(paas("config:set", "GREETING=hi", "-a", "demo"));

        await("the new config served", () -> get("demo.localhost").contains("hi from web.1"));
        assertThat(load.failures()).as("failed requests while rolling").isEmpty();
    }

    @Test
    @Order(3)
    void scale_spreads_requests_over_three_processes() {
        ok(paas("ps:scale", "web=3", "-a", "demo"));

        Set<String> seen = ConcurrentHashMap.newKeySet();
        await("answers from web.1, web.2 and web.3", () -> {
            String body = get("demo.localhost");
            seen.add(body.replaceAll(".*from (web\\.\\d+).*", "$1").strip());
            return seen.containsAll(List.of("web.1", "web.2", "web.3"));
        });
        assertThat(ok(paas("ps", "-a", "demo")).output()).contains("web.1: up", "web.2: up", "web.3: up");
        assertThat(load.failures()).isEmpty();
    }

    @Test
    @Order(4)
    void a_new_push_deploys_without_a_failed_request() throws Exception {
        Files.writeString(repo.resolve("server.js"), server("v2"));
        git("commit", "-q", "-am", "demo v2");

        assertThat(git("push", "paas", "main").output()).contains("Released v");

        await("v2 served by all three", () -> get("demo.localhost").contains(" v2"));
        assertThat(load.failures()).as("failed requests while deploying").isEmpty();
    }

    @Test
    @Order(5)
    void releases_list_and_run_sees_the_config() {
        var releases = ok(paas("releases", "-a", "demo")).output();
        assertThat(releases).contains("Set GREETING config vars").contains("Deploy ");

        var run = paas("run", "-a", "demo", "--", "node", "-e", "console.log(process.env.GREETING)");

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output().lines()).contains("hi");
    }

    @Test
    @Order(6)
    void rollback_and_scale_down_serve_without_a_failed_request() {
        ok(paas("rollback", "-a", "demo"));

        await("the previous code served again", () -> get("demo.localhost").contains("hi from web.")
                && get("demo.localhost").contains(" v1"));
        ok(paas("ps:scale", "web=1", "-a", "demo"));
        await("scaled down to web.1", () -> ok(paas("ps", "-a", "demo")).output().lines()
                .filter(l -> l.startsWith("web.")).toList().size() == 1);
        assertThat(load.failures()).as("failed requests during rollback and scale down").isEmpty();
        assertThat(load.succeeded()).as("the load ran").isGreaterThan(50);
    }

    @Test
    @Order(7)
    void restarting_the_only_web_process_fails_no_request() {
        var before = webContainers();
        assertThat(before).hasSize(1);

        ok(paas("ps:restart", "-a", "demo"));

        await("web.1 replaced by a new container, the old one stopped", () -> {
            var now = webContainers();
            return now.size() == 1 && !before.containsAll(now);
        });
        assertThat(get("demo.localhost")).contains("hi from web.1");
        assertThat(load.failures()).as("failed requests during ps:restart").isEmpty();
    }

    private static List<String> webContainers() {
        return Shell.run(repo, Map.of(), Duration.ofSeconds(30), List.of("/usr/bin/docker", "ps", "-q", "--filter",
                "label=paas.agent=" + platform.agentName(), "--filter", "label=paas.type=web")).orFail("docker ps")
                .output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    @Order(8)
    void logs_tail_shows_app_and_router_lines() {
        get("demo.localhost");
        var tail = Shell.run(repo, Map.of("HOME", home.toString(), "PAAS_API_URL", platform.apiUrl()),
                Duration.ofSeconds(20), List.of("timeout", "8", LocalPlatform.javaBin(), "-jar",
                        Shell.root().resolve("cli/target/paas.jar").toString(), "logs", "--tail", "-a", "demo",
                        "-n", "300"));

        // which web process's start falls inside the last 300 lines depends on the load's pace
        assertThat(tail.output()).containsPattern("app\\[web\\.\\d+\\]: listening")
                .contains("heroku[router]: at=info method=GET")
                .contains("host=demo.localhost").contains("status=200");
    }

    @Test
    @Order(9)
    void destroy_removes_processes_and_routes() {
        load.close();
        assertThat(load.failures()).isEmpty();

        ok(paas("apps:destroy", "demo", "--confirm", "demo"));

        await("no more processes of demo", () -> Shell.run(repo, Map.of(), Duration.ofSeconds(30),
                List.of("/usr/bin/docker", "ps", "-q", "--filter", "label=paas.agent=" + platform.agentName()))
                .output().isBlank());
        await("demo.localhost unknown to the router", () -> status("demo.localhost") == 404);
    }

    private static String server(String version) {
        return """
                const http = require('http');
                const port = process.env.PORT;
                http.createServer((req, res) => {
                  res.end((process.env.GREETING || 'hello') + ' from ' + process.env.DYNO + ' %s\\n');
                }).listen(port, () => console.log('listening on ' + port));
                process.on('SIGTERM', () => process.exit(0));
                """.formatted(version);
    }

    static Shell.Result paas(String... args) {
        return platform.paas(home, repo, args);
    }

    static Shell.Result git(String... args) {
        var command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
    }

    private static Shell.Result ok(Shell.Result result) {
        return result.orFail("paas");
    }

    static String get(String host) {
        return platform.served(host);
    }

    private static int status(String host) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                    .header("Host", host).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 3 min: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
