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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PAAS_PROCESSES=1 bin/platform up}: the API, agent, builder and router in one JVM, each
 * still answering on its own ports, deploying a pushed app and serving it, and stopped by {@code down}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneProcessTest {
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void up() throws Exception {
        platform = new LocalPlatform(dir).with("PAAS_PROCESSES", "1").up();
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("demo"));
    }

    @AfterAll
    static void down() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void status_reports_every_component_healthy_by_its_own_endpoint_in_one_process() throws Exception {
        var status = platform.platform("status");

        assertThat(status.code()).as(status.output()).isZero();
        String pid = Files.readString(platform.runDir().resolve("all-in-one.pid")).strip();
        for (String component : List.of("API", "Agent", "Builder", "Router")) {
            assertThat(status.output()).as(component).containsPattern("(?m)^" + component
                    + ": +running, healthy \\(pid " + pid + ", .*all-in-one\\.log, GET /healthz: 200\\)$");
        }
        assertThat(platform.runDir().resolve("platform-api.pid")).doesNotExist();
        assertThat(Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' '))
                .contains("-XX:+UseSerialGC").contains("-Xmx384m").contains("all-in-one.jar");
    }

    @Test
    @Order(1)
    void containers_cannot_reach_the_one_processs_ports_but_reach_other_host_ports() throws Exception {
        PlatformPorts.assertContainersReachOnlyOtherHostPorts(platform);
    }

    @Test
    @Order(2)
    void a_git_push_is_built_released_and_served_through_the_router() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                require('http').createServer((q, s) => s.end('one process\\n')).listen(process.env.PORT);
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "-m", "v1");
        platform.paas(home, repo, "login", "--token", platform.adminToken()).orFail("paas login");
        platform.paas(home, repo, "apps:create", "demo").orFail("paas apps:create");

        assertThat(git("push", "paas", "main").output()).contains("Released v");

        Awaits.until("demo.localhost served through the router", Duration.ofMinutes(3),
                () -> get("demo.localhost").equals("one process\n"));
    }

    @Test
    @Order(3)
    void the_log_has_one_line_an_event_tagged_by_the_component() throws Exception {
        Path file = platform.runDir().resolve("all-in-one.log");
        // the router's access log is written by a thread of its own, a moment after the response
        Awaits.until("the access line of demo.localhost", Duration.ofSeconds(30), () -> Files.readAllLines(file)
                .stream().anyMatch(line -> line.contains(" router INFO access - ") && line.contains("demo.localhost")));
        var log = Files.readAllLines(file);
        var event = Pattern.compile("^\\S+Z (api|agent|builder|router|platform) (TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - ");

        for (String component : List.of("api", "agent", "builder", "router")) {
            assertThat(log).as(component).anyMatch(line -> line.contains("Z " + component + " INFO "));
        }
        assertThat(log.stream().filter(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*"))
                .filter(line -> !event.matcher(line).find())).as("lines of no event's shape").isEmpty();
    }

    @Test
    @Order(4)
    void down_stops_the_components_newest_first_and_the_process_exits() throws Exception {
        long pid = Long.parseLong(Files.readString(platform.runDir().resolve("all-in-one.pid")).strip());

        platform.platform("down").orFail("bin/platform down");

        // as bin/platform counts it: gone, or a zombie its new parent has yet to reap
        Awaits.until("the process has exited", Duration.ofSeconds(30), () -> LocalPlatform.exited(pid));
        var log = Files.readString(platform.runDir().resolve("all-in-one.log"));
        var order = new ArrayList<Integer>();
        for (String component : List.of("router", "builder", "agent", "api")) {
            order.add(log.lastIndexOf("msg=\"stopped\" component=" + component));
        }
        assertThat(order).as("where each was stopped in the log").doesNotContain(-1).isSorted();
        var status = platform.platform("status");
        assertThat(status.code()).as(status.output()).isEqualTo(3);
        assertThat(status.output()).contains("API:      stopped", "Agent:    stopped", "Builder:  stopped",
                "Router:   stopped");
    }

    private static Shell.Result git(String... args) {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
    }

    private static String get(String host) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
