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
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-only: under a steady load, each component is killed with SIGKILL in turn (the API, the
 * agent, the builder in the middle of a build, the router) and Postgres is restarted. The app
 * keeps being served except while the router itself is down; {@code bin/platform up} brings
 * back what is missing; nothing is lost and nothing stays stuck. The app has a web and a worker
 * process type, as a Procfile says.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CrashOnlyTest {
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void deployed() throws Exception {
        platform = new LocalPlatform(dir).up();
        token = platform.adminToken();
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("sturdy"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "sturdy", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                require('http').createServer((req, res) => res.end('up from ' + process.env.DYNO + '\\n'))
                  .listen(process.env.PORT);
                process.on('SIGTERM', () => process.exit(0));
                """);
        Files.writeString(repo.resolve("Procfile"), """
                web: node server.js
                worker: node -e "setInterval(() => console.log('tick'), 1000)"
                """);
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        platform.paas(home, repo, "login", "--token", token).orFail("login");
        platform.paas(home, repo, "apps:create", "sturdy").orFail("apps:create");
        git("push", "-q", "paas", "main");
        platform.paas(home, repo, "ps:scale", "web=2", "worker=1", "-a", "sturdy").orFail("scale");
        platform.paas(home, repo, "config:set", "SECRET=s3cret", "-a", "sturdy").orFail("config:set");
        await("two web and one worker up, on the last release, nothing else", () -> upDynos().size() == 3
                && runningContainers().size() == 3);
        await("served", () -> get().startsWith("up from web."));
    }

    @AfterAll
    static void down() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void both_process_types_run_and_scaling_one_leaves_the_other_alone() {
        assertThat(platform.paas(home, repo, "logs", "-a", "sturdy", "-d", "worker", "-n", "20").output())
                .contains("app[worker.1]: tick");
        Set<String> before = runningContainers();

        platform.paas(home, repo, "ps:scale", "worker=2", "-a", "sturdy").orFail("scale worker=2");
        await("worker.2 up", () -> upDynos().size() == 4);
        assertThat(runningContainers()).as("web.1, web.2 and worker.1 untouched").containsAll(before).hasSize(4);

        platform.paas(home, repo, "ps:scale", "worker=1", "-a", "sturdy").orFail("scale worker=1");
        await("back to three", () -> upDynos().size() == 3 && runningContainers().size() == 3);
        assertThat(runningContainers()).isEqualTo(before);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void killing_each_component_loses_nothing_and_the_app_keeps_serving() throws Exception {
        String releases = api("/apps/sturdy/releases");
        String config = api("/apps/sturdy/config-vars");
        String formation = api("/apps/sturdy/formation");
        Set<String> containers = runningContainers();

        try (var load = new Load(CrashOnlyTest::get)) {
            kill("platform-api");
            Thread.sleep(2000); // the app is served while the API is away
            up();
            kill("runtime-agent");
            Thread.sleep(2000);
            up();
            await("the new agent reports every process up", () -> upDynos().size() == 3);
            assertThat(runningContainers()).as("a new agent adopts, restarts none").isEqualTo(containers);
            restartPostgres();
            await("the API answers again after Postgres' restart", () -> api("/apps/sturdy").contains("sturdy"));
            assertThat(load.failures()).as("requests failed while the API, the agent or Postgres were down")
                    .isEmpty();
        }

        killTheBuilderMidBuild();

        kill("router");
        assertThat(status()).as("nothing serves while the router is down").isZero();
        up();
        await("the router serves again", () -> get().startsWith("up from web."));

        assertThat(api("/apps/sturdy/config-vars")).isEqualTo(config);
        assertThat(api("/apps/sturdy/formation")).isEqualTo(formation);
        assertThat(ledger(api("/apps/sturdy/releases"))).as("every release is still there, in order")
                .startsWith(ledger(releases).toArray(String[]::new)).hasSize(ledger(releases).size() + 1);
        assertThat(platform.paas(home, repo, "ps", "-a", "sturdy").orFail("ps").output())
                .contains("web.1: up", "web.2: up", "worker.1: up");
    }

    /** A push whose build is under way when the builder dies: it fails, nothing stays pending, the next push works. */
    private void killTheBuilderMidBuild() throws Exception {
        Files.writeString(repo.resolve("package.json"), """
                {"name": "sturdy", "version": "1.0.1", "private": true,
                 "scripts": {"start": "node server.js", "postinstall": "sleep 30"}}
                """);
        git("commit", "-q", "-am", "slow build");
        CompletableFuture<Shell.Result> push = CompletableFuture.supplyAsync(() -> Shell.run(repo,
                Map.of("HOME", home.toString()), Duration.ofMinutes(5), List.of("git", "push", "paas", "main")));
        await("the build is under way", () -> api("/apps/sturdy/builds").contains("\"status\":\"pending\""));
        kill("builder");
        assertThat(push.get().code()).as("the push of a killed build fails").isNotZero();
        up();
        await("the killed build is failed, not pending", () -> !api("/apps/sturdy/builds")
                .contains("\"status\":\"pending\""));

        Files.writeString(repo.resolve("package.json"), """
                {"name": "sturdy", "version": "1.0.2", "private": true, "scripts": {"start": "node server.js"}}
                """);
        git("commit", "-q", "-am", "fast build");
        git("push", "-q", "paas", "main");
        await("the next push is served", () -> upDynos().stream().allMatch(d -> d.contains("\"state\":\"up\"")));
    }

    /** Each release as its id, version and description. */
    private static List<String> ledger(String releasesJson) {
        return java.util.regex.Pattern.compile("\\{\"id\":\"([^\"]+)\",\"version\":(\\d+),\"description\":\"([^\"]*)\"")
                .matcher(releasesJson).results().map(m -> m.group(1) + " v" + m.group(2) + " " + m.group(3)).toList();
    }

    private static void kill(String component) throws Exception {
        long pid = Long.parseLong(Files.readString(platform.runDir().resolve(component + ".pid")).strip());
        var process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " is not running"));
        assertThat(process.destroyForcibly()).as("SIGKILL to " + component).isTrue();
        process.onExit().get();
    }

    private static void up() {
        platform.platform("up").orFail("bin/platform up");
    }

    private static void restartPostgres() {
        Shell.run(Shell.root(), Map.of(), Duration.ofMinutes(2), List.of("bash", "-c",
                "source bin/lib.sh && read -r v n _ <<<\"$(pg_cluster_on_port)\" && pg_ctlcluster \"$v\" \"$n\" restart"))
                .orFail("restarting Postgres");
    }

    private static Set<String> runningContainers() {
        return Shell.run(repo, Map.of(), Duration.ofMinutes(1), List.of("/usr/bin/docker", "ps", "-q", "--no-trunc",
                "--filter", "label=paas.agent=" + platform.agentName())).output().lines().collect(Collectors.toSet());
    }

    /** The app's processes that are up on its current release: during a rollout, the old ones don't count. */
    private static List<String> upDynos() {
        try {
            var json = dev.paas.client.Json.mapper();
            int current = 0;
            for (var release : json.readTree(api("/apps/sturdy/releases"))) {
                current = Math.max(current, release.path("version").asInt());
            }
            var up = new java.util.ArrayList<String>();
            for (var dyno : json.readTree(api("/apps/sturdy/dynos"))) {
                if (dyno.path("state").asText().equals("up") && dyno.path("release").asInt() == current) {
                    up.add(dyno.toString());
                }
            }
            return up;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String api(String path) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                    .header("Host", "sturdy.localhost").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static Shell.Result git(String... args) {
        var command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
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
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String get() {
        return platform.served("sturdy.localhost");
    }
}
