package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Postgres add-on on the platform as {@code bin/platform up} starts it: an app whose app.json asks
 * for one gets DATABASE_URL on its first push, writes rows through it and keeps them across restarts
 * of the add-on, the agent, the Docker engine and a redeploy; another app reaches neither that
 * database nor the platform's own; the real heroku CLI manages add-ons.
 *
 * <p>It restarts the Docker engine, which stops every container on the host: run it alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddonDataTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;
    private static String token;

    @BeforeAll
    static void platformUp() throws Exception {
        platform = new LocalPlatform(dir);
        platform.up();
        token = platform.adminToken();
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("ledger"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "ledger", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                """);
        Files.writeString(repo.resolve("app.json"), """
                {"addons": ["heroku-postgresql"]}
                """);
        Files.writeString(repo.resolve("server.js"), server("v1"));
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        platform.paas(home, repo, "login", "--token", token).orFail("login");
    }

    /** Counts rows through psql (the stack has it; no driver is needed) with DATABASE_URL as it was at start. */
    private static String server(String version) {
        return """
                const http = require('http');
                const { execFileSync } = require('child_process');
                const url = process.env.DATABASE_URL;
                const sql = (q) => execFileSync('psql', [url, '-tAq', '-v', 'ON_ERROR_STOP=1', '-c',
                  'create table if not exists hits (at timestamptz default now()); ' + q],
                  { encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
                http.createServer((req, res) => {
                  try {
                    if (req.url === '/write') sql('insert into hits default values');
                    res.end('%s rows=' + sql('select count(*) from hits') + '\\n');
                  } catch (e) {
                    res.statusCode = 500;
                    res.end('%s failed: ' + (url ? 'DATABASE_URL set, ' : 'no DATABASE_URL, ') + e.message + '\\n');
                  }
                }).listen(process.env.PORT);
                process.on('SIGTERM', () => process.exit(0));
                """.formatted(version, version);
    }

    @AfterAll
    static void platformDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void app_json_provisions_postgres_before_the_first_release_and_the_web_process_uses_it() throws Exception {
        platform.paas(home, repo, "apps:create", "ledger").orFail("apps:create");

        var push = git("push", "paas", "main");

        assertThat(push.output()).contains("Provisioning heroku-postgresql").contains("Released v");
        var descriptions = new ArrayList<String>();
        api("/apps/ledger/releases").forEach(r -> descriptions.add(r.path("description").asText()));
        int attach = indexOf(descriptions, "Attach DATABASE");
        int deploy = indexOf(descriptions, "Deploy ");
        assertThat(attach).as("releases: " + descriptions).isNotNegative().isLessThan(deploy);
        assertThat(get("ledger", "/")).as("its first process reads DATABASE_URL").isEqualTo("v1 rows=0");

        // The app of the isolation test, deployed (with a database of its own) before the engine's restart.
        platform.paas(home, repo, "apps:create", "other").orFail("apps:create other");
        git("remote", "add", "other", platform.gitUrl() + "/other.git");
        git("push", "-q", "other", "main");
        await("other serves with its own database", () -> get("other", "/").equals("v1 rows=0"));
    }

    @Test
    @Order(2)
    void rows_survive_restarts_of_the_add_on_the_agent_the_docker_engine_and_a_redeploy() throws Exception {
        assertThat(get("ledger", "/write")).isEqualTo("v1 rows=1");
        assertThat(get("ledger", "/write")).isEqualTo("v1 rows=2");
        String container = addonContainer();
        List<String> volume = addonVolume();
        assertThat(volume).hasSize(1);

        docker("restart", container).orFail("docker restart");
        await("served after the add-on's restart", () -> get("ledger", "/").equals("v1 rows=2"));

        kill("runtime-agent");
        platform.platform("up").orFail("bin/platform up");
        await("served after the agent's restart", () -> get("ledger", "/").equals("v1 rows=2"));
        assertThat(addonContainer()).as("the new agent adopts the add-on").isEqualTo(container);

        Files.writeString(repo.resolve("server.js"), server("v2"));
        git("commit", "-q", "-am", "v2");
        git("push", "-q", "paas", "main");
        await("v2 served", () -> get("ledger", "/").startsWith("v2"));
        assertThat(get("ledger", "/write")).as("after a redeploy").isEqualTo("v2 rows=3");

        restartDockerEngine();
        await("served after the engine's restart", () -> get("ledger", "/").equals("v2 rows=3"));
        assertThat(addonVolume()).as("the same volume holds the data").isEqualTo(volume);

        // The builder's and agent's engine connections died with the old engine: a push right after it
        // once failed with "Broken pipe" on a dead pooled connection.
        Files.writeString(repo.resolve("server.js"), server("v3"));
        git("commit", "-q", "-am", "v3");
        git("push", "-q", "paas", "main");
        await("v3 served after the engine's restart", () -> get("ledger", "/").equals("v3 rows=3"));
    }

    @Test
    @Order(3)
    void another_app_reaches_neither_the_add_on_nor_the_platforms_database() throws Exception {
        await("other serves with its own database", () -> get("other", "/").equals("v1 rows=0"));
        URI mine = URI.create(config("ledger").get("DATABASE_URL").asText());
        URI its = URI.create(config("other").get("DATABASE_URL").asText());
        assertThat(its.getHost()).isNotEqualTo(mine.getHost());
        String ip = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                addonContainer()).orFail("inspect").output().strip().split(" ")[0];

        for (String host : List.of(mine.getHost(), ip)) {
            var theft = platform.paas(home, repo, "run", "-a", "other", "--", "psql",
                    "postgres://" + its.getUserInfo() + "@" + host + ":5432" + its.getPath() + "?connect_timeout=3",
                    "-c", "select count(*) from hits");
            assertThat(theft.code()).as("with its own credentials at " + host + ": " + theft.output()).isNotZero();
            assertThat(theft.output()).doesNotContain("(1 row)");
        }
        URI platformDb = URI.create(platform.setting("DATABASE_URL"));
        String gateway = docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}} {{end}}",
                webNetwork("other")).orFail("network inspect").output().strip().split(" ")[0];
        var platformTheft = platform.paas(home, repo, "run", "-a", "other", "--", "psql", "postgres://"
                + platformDb.getUserInfo() + "@" + gateway + ":" + platformDb.getPort() + platformDb.getPath()
                + "?connect_timeout=3", "-c", "select count(*) from apps");
        assertThat(platformTheft.code()).as(platformTheft.output()).isNotZero();
        assertThat(platformTheft.output()).doesNotContain("(1 row)");
        assertThat(get("ledger", "/")).isEqualTo("v3 rows=3");
    }

    @Test
    @Order(4)
    void the_heroku_cli_creates_lists_shows_attaches_and_destroys_add_ons() throws Exception {
        var heroku = HerokuCli.install(dir.resolve("heroku-home"), platform.apiUrl());
        String created = heroku.run(token, repo, "addons:create", "heroku-redis", "-a", "other")
                .orFail("heroku addons:create").output();
        assertThat(created).contains("Creating heroku-redis on").contains("other");
        String name = api("/apps/other/addons").findValuesAsText("name").stream()
                .filter(n -> n.startsWith("redis-")).findFirst().orElseThrow();
        await("provisioned", () -> api("/addons/" + name).path("state").asText().equals("provisioned"));

        assertThat(heroku.run(token, repo, "addons", "-a", "other").orFail("heroku addons").output())
                .contains("heroku-redis (" + name + ")").contains("mini").contains("heroku-postgresql (");
        assertThat(heroku.run(token, repo, "addons:info", name).orFail("heroku addons:info").output())
                .contains("=== " + name).contains("heroku-redis:mini").contains("other::REDIS");
        assertThat(heroku.run(token, repo, "addons:attach", name, "-a", "ledger").orFail("heroku addons:attach")
                .output()).contains("done");
        assertThat(config("ledger").has("REDIS_URL")).isTrue();

        assertThat(heroku.run(token, repo, "addons:destroy", name, "-a", "other", "--confirm", "other")
                .orFail("heroku addons:destroy").output()).contains(name);
        assertThat(config("ledger").has("REDIS_URL")).as("the attachment's var goes with the add-on").isFalse();
        assertThat(config("other").has("REDIS_URL")).isFalse();
        await("its container is removed", () -> docker("ps", "-aq", "--filter", "label=paas.addon.agent="
                + platform.agentName()).output().lines().count() == 2);
    }

    private static int indexOf(List<String> descriptions, String prefix) {
        for (int i = 0; i < descriptions.size(); i++) {
            if (descriptions.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The ledger app's Postgres container. */
    private static String addonContainer() {
        String addonId = api("/apps/ledger/addons").get(0).path("id").asText();
        var ids = docker("ps", "-aq", "--no-trunc", "--filter", "label=paas.addon=" + addonId).orFail("docker ps")
                .output().lines().toList();
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    /** The ledger app's Postgres volume, by the add-on's label. */
    private static List<String> addonVolume() {
        String addonId = api("/apps/ledger/addons").get(0).path("id").asText();
        return docker("volume", "ls", "-q", "--filter", "label=paas.addon=" + addonId).orFail("docker volume ls")
                .output().lines().toList();
    }

    /** The network an app's web process is on. */
    private static String webNetwork(String app) {
        String appId = api("/apps/" + app).path("id").asText();
        return docker("network", "ls", "-q", "--filter", "name=" + appId).orFail("network ls").output().lines()
                .findFirst().orElseThrow();
    }

    private static void kill(String component) throws Exception {
        long pid = Long.parseLong(Files.readString(platform.runDir().resolve(component + ".pid")).strip());
        var process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " is not running"));
        assertThat(process.destroyForcibly()).as("SIGKILL to " + component).isTrue();
        process.onExit().get();
    }

    /** Stops dockerd as a shutdown would (its containers stop with it) and starts it as bin/platform does. */
    private static void restartDockerEngine() throws Exception {
        long pid = Long.parseLong(Files.readString(Path.of("/var/run/docker.pid")).strip());
        var engine = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("dockerd is not running"));
        assertThat(engine.destroy()).as("SIGTERM to dockerd").isTrue();
        engine.onExit().get(2, TimeUnit.MINUTES);
        Shell.run(Shell.root(), Map.of(), Duration.ofMinutes(2), List.of("bash", "-c",
                "source bin/lib.sh && ensure_docker")).orFail("starting dockerd");
    }

    private static JsonNode config(String app) {
        return api("/apps/" + app + "/config-vars");
    }

    private static JsonNode api(String path) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.body());
            }
            return dev.paas.client.Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String get(String app, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + path))
                .header("Host", app + ".localhost").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body().strip();
    }

    private static Shell.Result docker(String... args) {
        var command = new ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of(), Duration.ofMinutes(1), command);
    }

    private static Shell.Result git(String... args) {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
    }

    private static void await(String what, Awaits.Condition condition) {
        try {
            Awaits.until(what, WAIT, condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
