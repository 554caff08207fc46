package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real hosts (each its own network namespace and Docker engine, see {@link Hosts}) joined with
 * {@code bin/platform join} to a control plane on this side, then the faults a fleet meets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostTest {
    @TempDir
    static Path dir;
    static Hosts hosts;
    static LocalPlatform platform;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** What every host's agent runs with: quick heartbeats, so that a lost host is noticed within seconds. */
    static final Map<String, String> AGENT_ENV = Map.of("PAAS_HEARTBEAT_SECONDS", "1", "PAAS_RESYNC_SECONDS", "5",
            "PAAS_DRAIN_SECONDS", "2", "PAAS_STOP_GRACE_SECONDS", "5");

    /** A lost host's slots serve elsewhere within this (agent timeout 6 s, then a start and a route update). */
    static final Duration BOUND = Duration.ofSeconds(60);
    static final Duration SETTLE = Duration.ofMinutes(3);
    /** Unique on this machine: other tests' images of other apps share its engine. */
    static final String APP = "mh-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static String ROUTER_ON_CONTROL_HOST;
    static Path home;
    static Path repo;
    static Load load;
    static Duration replacedAfter;
    static final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void hostsAndControlPlane() throws Exception {
        hosts = new Hosts().start(3);
        int apiPort = Shell.freePort();
        int builderPort = Shell.freePort();
        platform = new LocalPlatform(dir)
                .with("PORT", String.valueOf(apiPort))
                .with("PAAS_BUILDER_PORT", String.valueOf(builderPort))
                .with("PAAS_API_BIND", hosts.gateway())
                .with("PAAS_API_URL", "http://" + hosts.gateway() + ":" + apiPort)
                .with("PAAS_LOCAL_AGENT", "0")
                // git push goes to the same host as the API, so the CLI's netrc entry (by host) logs it in
                .with("PAAS_BUILDER_BIND", hosts.gateway())
                .with("PAAS_GIT_URL", "http://" + hosts.gateway() + ":" + builderPort)
                .with("PAAS_AGENT_TIMEOUT_SECONDS", "6")
                .with("PAAS_ROUTER_CONNECT_TIMEOUT_MS", "1000")
                .up();
        ROUTER_ON_CONTROL_HOST = "http://127.0.0.1:" + platform.routerPort() + "/";
        home = java.nio.file.Files.createDirectories(dir.resolve("home"));
        repo = java.nio.file.Files.createDirectories(dir.resolve("demo"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        java.nio.file.Files.writeString(repo.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true,
                 "scripts": {"start": "node server.js"}, "engines": {"node": ">=18"}}
                """);
        // each answer names its process: which of the six a router reached
        java.nio.file.Files.writeString(repo.resolve("server.js"), """
                const http = require('http');
                http.createServer((req, res) => res.end(process.env.DYNO + '\\n'))
                  .listen(process.env.PORT, () => console.log('listening'));
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("commit", "-q", "-m", "demo");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (load != null) {
            load.close();
        }
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }

    @Test
    @Order(1)
    void each_host_joins_with_bin_platform_join_and_its_agent_registers_with_its_address() throws Exception {
        for (var host : hosts.all()) {
            var joined = hosts.join(host, platform.apiUrl(), platform.adminToken(), AGENT_ENV);
            assertThat(joined.code()).as(joined.output()).isZero();
        }

        Awaits.until("three agents alive", Duration.ofSeconds(60), () -> agents().size() == 3
                && StreamSupport.stream(agents().spliterator(), false).allMatch(a -> a.get("status").asText()
                        .equals("alive")));
        for (var host : hosts.all()) {
            assertThat(agents()).anySatisfy(a -> {
                assertThat(a.get("name").asText()).isEqualTo(host.name());
                assertThat(a.get("address").asText()).isEqualTo(host.address());
            });
        }
    }

    @Test
    @Order(2)
    void join_again_is_a_no_op_and_host_status_says_healthy() throws Exception {
        var host = hosts.get(0);
        var pid = hosts.exec(host, Map.of(), "cat", "/var/lib/paas-host/agent.pid").orFail("pid").output().strip();

        var again = hosts.join(host, platform.apiUrl(), platform.adminToken(), AGENT_ENV).orFail("join again");

        assertThat(again.output()).contains("agent already runs with these settings (pid " + pid + ")");
        assertThat(hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "host-status").orFail("status")
                .output()).contains("agent:  running, healthy (pid " + pid);
    }

    @Test
    @Order(3)
    void join_with_a_wrong_token_or_address_says_what_is_wrong() throws Exception {
        var host = hosts.get(0);

        var badToken = hosts.join(host, platform.apiUrl(), "not-a-token", Map.of());
        var badAddress = hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "join", "--api",
                platform.apiUrl(), "--token", platform.adminToken(), "--address", "192.0.2.7");

        assertThat(badToken.code()).isEqualTo(1);
        assertThat(badToken.output()).contains("refused the token (HTTP 401)");
        assertThat(badAddress.code()).isEqualTo(1);
        assertThat(badAddress.output()).contains("--address 192.0.2.7 is not an address of this host");
    }

    @Test
    @Order(4)
    void a_pushed_app_scaled_to_six_spreads_over_the_three_hosts() throws Exception {
        ok(paas("login", "--token", platform.adminToken()));
        ok(paas("apps:create", APP));
        var push = git("push", "paas", "main");
        assertThat(push.output()).contains("Released v");
        String image = Shell.run(dir, Map.of(), Duration.ofMinutes(1), java.util.List.of("/usr/bin/docker", "images",
                "paas-app/" + APP, "--format", "{{.Repository}}:{{.Tag}}")).output().lines().findFirst().orElseThrow();
        hosts.all().parallelStream().forEach(h -> hosts.load(h, image));

        ok(paas("ps:scale", "web=6", "-a", APP));

        Awaits.until("six web processes up", SETTLE, () -> ok(paas("ps", "-a", APP)).output().lines()
                .filter(l -> l.matches("web\\.\\d+: up.*")).count() == 6);
        var where = webByHost();
        assertThat(where.values().stream().mapToInt(java.util.List::size).sum()).isEqualTo(6);
        assertThat(where).allSatisfy((host, dynos) -> assertThat(dynos).as(host).hasSize(2));
        Awaits.until("the router reaches all six", SETTLE, () -> {
            seen.add(get(ROUTER_ON_CONTROL_HOST));
            return seen.size() == 6;
        });
        load = new Load(() -> get(ROUTER_ON_CONTROL_HOST));
    }

    @Test
    @Order(5)
    void a_lost_host_s_slots_come_back_on_the_others_while_serving_continues() throws Exception {
        var lost = hosts.get(2);
        long before = load.succeeded();
        long t0 = System.nanoTime();

        hosts.lose(lost);

        Awaits.until("six web processes on the two other hosts", SETTLE, () -> {
            var where = webByHost(hosts.get(0), hosts.get(1));
            return where.values().stream().mapToInt(java.util.List::size).sum() == 6;
        });
        Awaits.until("the router sends nothing to the lost host: 50 requests in a row answered", SETTLE,
                () -> inARow(ROUTER_ON_CONTROL_HOST, 50));
        replacedAfter = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("host lost -> its slots serving elsewhere: " + replacedAfter.toMillis() + " ms");
        assertThat(replacedAfter).isLessThan(BOUND);
        assertThat(load.succeeded()).isGreaterThan(before);
        assertThat(load.failures()).as("requests that failed while the host was lost").hasSizeLessThan(10);
    }

    @Test
    @Order(6)
    void the_lost_host_coming_back_stops_its_old_processes_so_none_runs_twice() throws Exception {
        var back = hosts.get(2);
        int failuresBefore = load.failures().size();

        hosts.bringBack(back);

        Awaits.until("the host is admitted again and its old processes are gone", SETTLE, () -> {
            var dynos = allDynos();
            return dynos.size() == 6 && new java.util.HashSet<>(dynos).size() == 6;
        });
        // and it stays so: nothing of the old generation starts again a few passes later
        for (int i = 0; i < 10; i++) {
            var dynos = allDynos();
            assertThat(dynos).as("web processes across hosts").doesNotHaveDuplicates().hasSize(6);
            Thread.sleep(500);
        }
        assertThat(load.failures().subList(failuresBefore, load.failures().size())).isEmpty();
    }

    @Test
    @Order(7)
    void a_host_cut_off_from_the_control_plane_for_30_s_keeps_serving_and_nothing_is_lost() throws Exception {
        var cut = hosts.get(0);
        var running = hosts.running(cut);
        int failuresBefore = load.failures().size();
        int apiPort = Integer.parseInt(platform.setting("PORT"));

        hosts.cutOff(cut, apiPort);
        try {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                assertThat(hosts.running(cut)).as("the cut-off host's processes").containsAll(running);
                Thread.sleep(2000);
            }
        } finally {
            hosts.reconnect(cut, apiPort);
        }

        Awaits.until("six web processes, each once, after the cut", SETTLE, () -> {
            var dynos = allDynos();
            return dynos.size() == 6 && new java.util.HashSet<>(dynos).size() == 6;
        });
        Awaits.until("all six answer through the router", SETTLE, () -> inARow(ROUTER_ON_CONTROL_HOST, 30));
        assertThat(load.failures().subList(failuresBefore, load.failures().size()))
                .as("requests that failed while a host was cut off").isEmpty();
    }

    @Test
    @Order(8)
    void a_router_joined_on_a_second_host_routes_to_processes_on_every_host_alongside_the_first() throws Exception {
        var second = hosts.get(1);
        var joined = hosts.join(second, platform.apiUrl(), platform.adminToken(), AGENT_ENV, "--router");
        assertThat(joined.code()).as(joined.output()).isZero();
        assertThat(joined.output()).contains("agent already runs with these settings");
        String router = "http://" + second.address() + ":8080/";
        int failuresBefore = load.failures().size();

        var dynos = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        try (var viaSecond = new Load(() -> {
            String body = get(router);
            dynos.add(body);
            return body;
        })) {
            Awaits.until("the second router reaches every web process", SETTLE, () -> dynos.size() == 6);
            Thread.sleep(3000);
            assertThat(viaSecond.failures()).as("failed requests through the second router").isEmpty();
        }
        var byHost = webByHost();
        assertThat(byHost.values()).as("processes behind it sit on several hosts").filteredOn(l -> !l.isEmpty())
                .hasSizeGreaterThan(1);
        assertThat(load.failures().subList(failuresBefore, load.failures().size())).isEmpty();
    }

    /** web.N of each host, from the labels of its engine's running containers. */
    static Map<String, java.util.List<String>> webByHost(Hosts.Host... only) {
        var which = only.length == 0 ? hosts.all() : java.util.List.of(only);
        var out = new java.util.TreeMap<String, java.util.List<String>>();
        for (var host : which) {
            out.put(host.name(), hosts.exec(host, Map.of(), "docker", "ps", "--filter", "label=paas.type=web",
                    "--filter", "label=paas.app", "--format", "{{.Label \"paas.type\"}}.{{.Label \"paas.index\"}}")
                    .orFail("docker ps in " + host.name()).output().lines().filter(l -> !l.isBlank()).toList());
        }
        return out;
    }

    static java.util.List<String> allDynos() {
        return webByHost().values().stream().flatMap(java.util.List::stream).sorted().toList();
    }

    /** n requests in a row through the router, each answered 200. */
    static boolean inARow(String router, int n) {
        for (int i = 0; i < n; i++) {
            get(router);
        }
        return true;
    }

    static Shell.Result paas(String... args) {
        return platform.paas(home, repo, args);
    }

    static Shell.Result ok(Shell.Result result) {
        return result.orFail("paas");
    }

    static Shell.Result git(String... args) {
        var command = new java.util.ArrayList<>(java.util.List.of("git"));
        command.addAll(java.util.List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(5),
                command).orFail("git " + String.join(" ", args));
    }

    /** GET / of demo.localhost through a router; its body, or an exception when not 200. */
    static String get(String router) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(router)).header("Host", APP + ".localhost")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body().strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode agents() throws Exception {
        return api("/agents");
    }

    static JsonNode api(String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Authorization", "Bearer " + platform.adminToken())
                .header("Accept", "application/vnd.heroku+json; version=3")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
