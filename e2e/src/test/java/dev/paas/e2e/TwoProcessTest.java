package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/platform up} as it runs by default ({@code PAAS_PROCESSES=2}): the API, agent and builder in
 * one JVM, the router in its own, so that a SIGKILL of the control plane leaves apps served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoProcessTest {
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static Path home;
    private static Path repo;

    @BeforeAll
    static void up() throws Exception {
        // LocalPlatform runs four processes for the tests of one component and keeps no class archives;
        // unset, bin/platform runs two and keeps them.
        // PAAS_JAVA_OPTS is for the API's JVM, here the control plane's.
        platform = new LocalPlatform(dir).without("PAAS_PROCESSES").without("PAAS_CLASS_ARCHIVES")
                .with("PAAS_JAVA_OPTS", "-Dpaas.extra.option=1").up();
        home = Files.createDirectories(dir.resolve("home"));
        repo = Files.createDirectories(dir.resolve("steady"));
    }

    @AfterAll
    static void down() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void the_router_runs_alone_and_the_api_agent_and_builder_share_one_process() throws Exception {
        var status = platform.platform("status");

        assertThat(status.code()).as(status.output()).isZero();
        String controlPlane = pid("all-in-one");
        String router = pid("router");
        assertThat(router).isNotEqualTo(controlPlane);
        for (String component : List.of("API", "Agent", "Builder")) {
            assertThat(status.output()).as(component).containsPattern("(?m)^" + component
                    + ": +running, healthy \\(pid " + controlPlane + ", .*all-in-one\\.log, GET /healthz: 200\\)$");
        }
        assertThat(status.output()).containsPattern("(?m)^Router: +running, healthy \\(pid " + router
                + ", .*router\\.log, GET /healthz: 200\\)$");
        assertThat(platform.runDir().resolve("platform-api.pid")).doesNotExist();
        assertThat(cmdline(controlPlane)).contains("all-in-one.jar", "-XX:+UseSerialGC", "-XX:-TieredCompilation",
                "-Dpaas.extra.option=1");
        assertThat(cmdline(router)).contains("router.jar", "-XX:+UseParallelGC")
                .doesNotContain("-XX:-TieredCompilation", "-Dpaas.extra.option=1");
        assertThat(Files.readString(platform.runDir().resolve("all-in-one.log")))
                .as("the router is not started in the control plane's process")
                .contains("components=api,agent,builder").doesNotContain("component=router");
    }

    @Test
    @Order(2)
    void a_git_push_is_built_released_and_served_through_the_router() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "steady", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                require('http').createServer((q, s) => s.end('two processes\\n')).listen(process.env.PORT);
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "-m", "v1");
        platform.paas(home, repo, "login", "--token", platform.adminToken()).orFail("paas login");
        platform.paas(home, repo, "apps:create", "steady").orFail("paas apps:create");
        platform.paas(home, repo, "config:set", "GREETING=hello", "-a", "steady").orFail("paas config:set");

        assertThat(git("push", "paas", "main").output()).contains("Released v");

        Awaits.until("steady.localhost served through the router", Duration.ofMinutes(3),
                () -> get().equals("two processes\n"));
    }

    @Test
    @Order(3)
    void a_sigkill_of_the_control_plane_loses_nothing_and_the_router_keeps_serving_the_app() throws Exception {
        String releases = paas("releases", "-a", "steady");
        String config = paas("config", "-a", "steady");
        Set<String> containers = runningContainers();
        var controlPlane = ProcessHandle.of(Long.parseLong(pid("all-in-one"))).orElseThrow();

        try (var load = new Load(TwoProcessTest::get)) {
            assertThat(controlPlane.destroyForcibly()).as("SIGKILL to the control plane").isTrue();
            controlPlane.onExit().get();
            long before = load.succeeded();
            Awaits.until("50 requests served while the API, agent and builder are gone", Duration.ofMinutes(1),
                    () -> load.succeeded() >= before + 50);
            assertThat(controlPlane.isAlive()).isFalse();

            platform.platform("up").orFail("bin/platform up after the SIGKILL");

            assertThat(load.failures()).as("requests that failed while the control plane was down").isEmpty();
        }
        var status = platform.platform("status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(pid("all-in-one")).isNotEqualTo(String.valueOf(controlPlane.pid()));
        assertThat(paas("releases", "-a", "steady")).isEqualTo(releases);
        assertThat(paas("config", "-a", "steady")).isEqualTo(config).contains("hello");
        assertThat(runningContainers()).as("the new agent adopts the app's containers, restarts none")
                .isEqualTo(containers);
    }

    @Test
    @Order(4)
    void down_stops_both_processes() throws Exception {
        long controlPlane = Long.parseLong(pid("all-in-one"));
        long router = Long.parseLong(pid("router"));

        platform.platform("down").orFail("bin/platform down");

        Awaits.until("both processes have exited", Duration.ofSeconds(60), () -> LocalPlatform.exited(controlPlane)
                && LocalPlatform.exited(router));
        var status = platform.platform("status");
        assertThat(status.code()).as(status.output()).isEqualTo(3);
        assertThat(status.output()).contains("API:      stopped", "Agent:    stopped", "Builder:  stopped",
                "Router:   stopped");
    }

    @Test
    @Order(5)
    void each_jvm_maps_at_its_next_start_the_class_archive_it_wrote_when_it_stopped_and_a_damaged_one_is_ignored()
            throws Exception {
        Path controlPlane = platform.runDir().resolve("all-in-one.jsa");
        Path router = platform.runDir().resolve("router.jsa");
        assertThat(controlPlane).as("written when the control plane stopped").isNotEmptyFile();
        assertThat(router).as("written when the router stopped").isNotEmptyFile();
        // As a kill -9 in the middle of writing it would leave it.
        Files.write(router, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        platform.platform("up").orFail("bin/platform up");

        assertThat(maps("all-in-one")).as("the control plane maps its archive").contains(controlPlane.toString());
        assertThat(maps("router")).as("the router ignores the damaged archive").doesNotContain(router.toString());
        Awaits.until("steady.localhost served after the restart", Duration.ofMinutes(1),
                () -> get().equals("two processes\n"));
        String classes = Shell.run(dir, Map.of(), Duration.ofMinutes(1), List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid("all-in-one"), "VM.classes"))
                .orFail("jcmd VM.classes").output();
        assertThat(classes).contains("dev.paas.api.Platform")
                .as("a start against an up-to-date database loads no Flyway").doesNotContain("org.flywaydb.")
                .as("nor BouncyCastle, with no certificate to read or order").doesNotContain("org.bouncycastle.");
        assertThat(Files.readString(platform.runDir().resolve("all-in-one.log"))).doesNotContain("[cds]");
    }

    @Test
    @Order(6)
    void an_archive_written_for_another_jar_or_jdk_is_removed_before_the_jvm_starts() throws Exception {
        Path router = platform.runDir().resolve("router.jsa");
        platform.platform("down").orFail("bin/platform down");
        assertThat(router).as("written again in place of the damaged one").isNotEmptyFile();
        Path key = platform.runDir().resolve("router.jsa.key");
        String current = Files.readString(key);
        // As a new build of the jar, or another JDK, would leave it: mapped, the JVM would refuse it only after
        // touching all of it.
        Files.writeString(key, "13498844 1764561491 /usr/lib/jvm/another-jdk\n");

        platform.platform("up").orFail("bin/platform up");

        assertThat(router).as("removed before the router started; the next clean stop writes it").doesNotExist();
        assertThat(Files.readString(key)).isEqualTo(current);
        assertThat(maps("router")).doesNotContain(router.toString());
        assertThat(maps("all-in-one")).contains(platform.runDir().resolve("all-in-one.jsa").toString());
    }

    private static String maps(String jar) throws java.io.IOException {
        return Files.readString(Path.of("/proc", pid(jar), "maps"));
    }

    private static String pid(String jar) throws java.io.IOException {
        return Files.readString(platform.runDir().resolve(jar + ".pid")).strip();
    }

    private static String cmdline(String pid) throws java.io.IOException {
        return Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
    }

    private static String paas(String... args) {
        return platform.paas(home, repo, args).orFail("paas " + String.join(" ", args)).output();
    }

    private static Set<String> runningContainers() {
        return Shell.run(repo, Map.of(), Duration.ofMinutes(1), List.of("/usr/bin/docker", "ps", "-q", "--no-trunc",
                "--filter", "label=paas.agent=" + platform.agentName())).output().lines().collect(Collectors.toSet());
    }

    private static Shell.Result git(String... args) {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(10),
                command).orFail("git " + String.join(" ", args));
    }

    static String get() {
        return platform.served("steady.localhost");
    }
}
