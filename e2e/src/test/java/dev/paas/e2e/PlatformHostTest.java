package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/platform} leaves on the host: daemons that hold none of its descriptors (so no
 * later call waits on its lock), component logs kept bounded, and containers that cannot reach
 * the platform's own ports.
 */
class PlatformHostTest {
    private static final Path ROOT = Shell.root();
    @TempDir
    static Path dir;
    private static LocalPlatform platform;

    @BeforeAll
    static void up() throws Exception {
        platform = new LocalPlatform(dir);
        platform.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_daemon_started_by_our_scripts_holds_none_of_their_descriptors() throws Exception {
        Path lock = dir.resolve("held.lock");
        var started = bash("""
                source bin/lib.sh
                exec 9>"$1"
                daemon sleep 120 >/dev/null 2>&1
                echo "$DAEMON_PID"
                without_our_fds bash -c 'sleep 120 </dev/null >/dev/null 2>&1 & echo $!'
                """, lock.toString());
        var pids = started.output().lines().map(String::strip).filter(l -> l.matches("\\d+")).toList();
        assertThat(pids).as(started.output()).hasSize(2);
        try {
            for (String pid : pids) {
                assertThat(openFiles(pid)).as("descriptors of pid " + pid).isNotEmpty().doesNotContain(lock);
            }
        } finally {
            pids.forEach(pid -> bash("kill \"$1\"", pid));
        }
    }

    @Test
    void nothing_that_up_started_holds_the_lock_so_later_calls_do_not_wait() throws Exception {
        Path lock = platform.runDir().resolve("lock");
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            var holders = procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> openFiles(p.getFileName().toString()).contains(lock))
                    .map(p -> p.getFileName() + " " + command(p))
                    .toList();
            assertThat(holders).as("processes holding " + lock).isEmpty();
        }
        var quick = Map.of("PAAS_LOCK_WAIT_SECONDS", "5");
        for (String step : List.of("status", "down", "up", "status")) {
            var result = platform.platform(step, quick);
            assertThat(result.code()).as("bin/platform " + step + ":\n" + result.output()).isZero();
        }
    }

    @Test
    void status_reports_every_component_healthy_by_its_health_endpoint() throws Exception {
        var status = platform.platform("status");

        assertThat(status.code()).as(status.output()).isZero();
        for (String component : List.of("API", "Agent", "Builder", "Router")) {
            assertThat(status.output()).as(component).containsPattern("(?m)^" + component
                    + ": +running, healthy \\(pid \\d+, .*GET /healthz: 200\\)$");
        }
        assertThat(status.output()).containsPattern("(?m)^Registry: +running, healthy \\(pid \\d+, https://127\\.0\\.0\\.1:"
                + platform.setting("PAAS_REGISTRY_PORT") + ", .*GET https://127\\.0\\.0\\.1:\\d+/v2/ \\(as paas\\): 200\\)$");
        var agent = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + platform.setting("PAAS_AGENT_HEALTH_PORT") + "/healthz"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
        assertThat(agent.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void up_after_the_api_died_restarts_it_and_returns_once_every_component_is_healthy_again() throws Exception {
        long api = Long.parseLong(Files.readString(platform.runDir().resolve("platform-api.pid")).strip());
        var process = ProcessHandle.of(api).orElseThrow();
        process.destroy();
        process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);

        // without PAAS_PROCESSES: up keeps the mode the platform last ran in (four) and starts only the API
        platform.platformWithout("up", "PAAS_PROCESSES").orFail("bin/platform up after the API died");
        assertThat(platform.runDir().resolve("platform-api.pid")).exists();
        assertThat(platform.runDir().resolve("all-in-one.pid")).doesNotExist();

        var status = platform.platform("status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("Agent:    running, healthy").doesNotContain("NOT healthy");
    }

    @Test
    void an_up_with_a_class_archive_setting_other_than_0_or_1_says_so_and_changes_nothing() throws Exception {
        String pids = Files.readString(platform.runDir().resolve("platform-api.pid"));

        var up = platform.platform("up", Map.of("PAAS_CLASS_ARCHIVES", "yes"));

        assertThat(up.code()).as(up.output()).isNotZero();
        assertThat(up.output()).contains("PAAS_CLASS_ARCHIVES is 1 (keep the JVMs' class archives in the run dir) "
                + "or 0, not 'yes'");
        assertThat(Files.readString(platform.runDir().resolve("platform-api.pid"))).isEqualTo(pids);
        assertThat(platform.platform("status").code()).isZero();
    }

    @Test
    void up_refuses_to_start_a_component_whose_port_is_taken_names_the_variable_and_stops_what_it_started()
            throws Exception {
        var quick = Map.of("PAAS_LOCK_WAIT_SECONDS", "5");
        platform.platform("down", quick).orFail("bin/platform down");
        String port = platform.setting("PAAS_AGENT_HEALTH_PORT");
        try (var taken = new ServerSocket(Integer.parseInt(port), 1, java.net.InetAddress.getLoopbackAddress())) {
            var up = platform.platform("up", quick);

            assertThat(up.code()).as(up.output()).isNotZero();
            assertThat(up.output()).contains("port " + port + " is already in use by another process; stop what "
                    + "listens there or set PAAS_AGENT_HEALTH_PORT");
            assertThat(up.output()).contains("stopped what it had started");
            assertThat(platform.platform("status", quick).output()).as("all or nothing")
                    .contains("API:      stopped").contains("Agent:    stopped");
        } finally {
            platform.platform("up", quick).orFail("bin/platform up after the port is free again");
        }
    }

    @Test
    void a_component_log_over_its_cap_is_rotated_while_the_component_runs() throws Exception {
        Path log = dir.resolve("component.log");
        Files.write(log, new byte[3 * 1024 * 1024]);
        var sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            var env = Map.of("PAAS_LOG_MAX_MB", "1", "PAAS_LOG_KEEP", "2", "PAAS_LOG_CHECK_SECONDS", "1",
                    "PAAS_RUN_DIR", dir.resolve("keep-log-run").toString());
            var keeper = new ProcessBuilder("bash", ROOT.resolve("bin/platform").toString(), "keep-log",
                    log.toString(), String.valueOf(sleeper.pid()));
            keeper.environment().putAll(env);
            var watcher = keeper.redirectErrorStream(true).start();
            Awaits.until("the log is rotated", Duration.ofSeconds(20), () -> Files.exists(log.resolveSibling(
                    "component.log.1")) && Files.size(log) < 1024 * 1024);
            assertThat(Files.size(log.resolveSibling("component.log.1"))).isEqualTo(3 * 1024 * 1024);
            sleeper.destroy();
            Awaits.until("the watcher ends with the component", Duration.ofSeconds(20), () -> !watcher.isAlive());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void containers_cannot_reach_the_platforms_ports_but_reach_other_host_ports() throws Exception {
        PlatformPorts.assertContainersReachOnlyOtherHostPorts(platform);
    }

    @Test
    void down_takes_back_what_up_put_on_the_host_its_firewall_rules_and_the_engines_trust_of_its_registry()
            throws Exception {
        var own = new java.util.HashSet<>(PlatformPorts.of(platform).values());
        own.remove("5432");
        Path trust = Path.of("/etc/docker/certs.d", "127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT"), "ca.crt");
        var quick = Map.of("PAAS_LOCK_WAIT_SECONDS", "5");
        try {
            assertThat(PlatformPorts.firewalled(platform)).as("after up").containsAll(own);
            assertThat(trust).as("after up").exists();

            platform.platform("down", quick).orFail("bin/platform down");
            assertThat(PlatformPorts.firewalled(platform)).as("after down").isEmpty();
            assertThat(trust).as("after down").doesNotExist();
        } finally {
            platform.platform("up", quick).orFail("bin/platform up");
        }
        assertThat(PlatformPorts.firewalled(platform)).as("after up again").containsAll(own);
        assertThat(trust).as("after up again").exists();
    }

    private static List<Path> openFiles(String pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException gone) {
                    return fd;
                }
            }).toList();
        } catch (IOException gone) {
            return List.of();
        }
    }

    private static String command(Path proc) {
        try {
            return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "?";
        }
    }

    @Test
    void the_image_registry_serves_tls_from_the_platforms_ca_to_its_password_only_and_the_engine_trusts_it()
            throws Exception {
        String port = platform.setting("PAAS_REGISTRY_PORT");
        Path password = platform.runDir().resolve("registry/password");
        Path ca = platform.runDir().resolve("tls/ca.crt");
        assertThat(Files.getPosixFilePermissions(password)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Path.of("/etc/docker/certs.d/127.0.0.1:" + port + "/ca.crt")).hasSameBinaryContentAs(ca);
        String get = "curl -s -o /dev/null -w '%{http_code}' --cacert \"$1\" \"https://127.0.0.1:$2/v2/\"";

        assertThat(bash(get, ca.toString(), port).output()).as("no password").isEqualTo("401");
        assertThat(bash(get + " -u \"paas:$3\"", ca.toString(), port, "wrong").output()).isEqualTo("401");
        assertThat(bash(get + " -u \"paas:$3\"", ca.toString(), port, Files.readString(password).strip()).output())
                .isEqualTo("200");
        assertThat(Files.readString(platform.runDir().resolve("registry/config.yml")))
                .contains("delete:\n    enabled: true", "tls:", "htpasswd:");
    }

    @Test
    void a_new_run_dirs_registry_is_given_the_kept_seed_of_the_stack_and_serves_it() throws Exception {
        String stack = bash("docker image inspect -f '{{.Id}}' \"$1\"", STACK_IMAGE).output().strip();
        assertThat(Files.readString(platform.runDir().resolve("registry/seeded")).strip()).isEqualTo(stack);
        Path kept = Path.of(platform.setting("PAAS_CACHE_DIR"), "registry-seed", stack.replace("sha256:", ""));
        assertThat(kept.resolve(V2 + "/repositories/paas-base/stack")).as("up keeps the seed").isDirectory();

        // What up does for a new run dir whose registry holds nothing yet, run alone.
        Path run = dir.resolve("new-run");
        String seed = """
                source bin/lib.sh
                RUN_DIR=$1 TLS_DIR=$1/tls PAAS_CACHE_DIR=$2
                source bin/registry.sh
                mkdir -p "$REGISTRY_DIR/data"
                registry_seed_from_cache "$3"
                """;
        var seeded = bash(seed, run.toString(), platform.setting("PAAS_CACHE_DIR"), stack);
        Path data = run.resolve("registry/data");
        assertThat(seeded.output()).contains("a copy of");
        var blobs = files(kept.resolve(V2 + "/blobs"));
        assertThat(blobs).isNotEmpty();
        for (Path blob : blobs) {
            Path copy = data.resolve(V2 + "/blobs").resolve(kept.resolve(V2 + "/blobs").relativize(blob));
            assertThat(Files.isSameFile(blob, copy)).as("blob %s is a hard link", blob.getFileName()).isTrue();
        }
        for (Path link : files(kept.resolve(V2 + "/repositories"))) {
            Path copy = data.resolve(V2 + "/repositories").resolve(kept.resolve(V2 + "/repositories").relativize(link));
            assertThat(copy).hasSameBinaryContentAs(link);
            assertThat(Files.isSameFile(link, copy)).as("%s is a copy (a push rewrites it in place)", link).isFalse();
        }
        int before = files(data).size();
        var again = Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), List.of("bash", "-c", seed, "test",
                run.toString(), platform.setting("PAAS_CACHE_DIR"), stack));
        assertThat(again.code()).as("a registry that holds something is not given a seed").isNotZero();
        assertThat(files(data)).as("and changes nothing").hasSize(before);
        assertThat(data.resolve(".seed")).doesNotExist();

        // Debian's registry serves the stack's manifest and layers from that storage.
        int port = Shell.freePort();
        Files.writeString(run.resolve("registry.yml"), "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: "
                + data + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        var registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", run.resolve("registry.yml").toString())
                .redirectErrorStream(true).redirectOutput(run.resolve("registry.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port + "/v2/paas-base/stack/";
            Awaits.until("the registry answers", Duration.ofSeconds(20),
                    () -> bash("curl -s -o /dev/null -w '%{http_code}' \"$1\" || true", base + "tags/list")
                            .output().equals("200"));
            String manifest = bash("curl -sf -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "
                    + "\"$1\"", base + "manifests/seed").output();
            var digests = java.util.regex.Pattern.compile("\"digest\":\\s*\"(sha256:[0-9a-f]{64})\"")
                    .matcher(manifest).results().map(m -> m.group(1)).toList();
            assertThat(digests).as(manifest).hasSizeGreaterThanOrEqualTo(2);
            for (String digest : digests) {
                assertThat(bash("curl -s -o /dev/null -I -w '%{http_code}' \"$1\"", base + "blobs/" + digest)
                        .output()).as(digest).isEqualTo("200");
            }
            // up's push of the stack after the copy: this engine finds every layer there and uploads none.
            String tag = "127.0.0.1:" + port + "/paas-base/stack:check";
            var push = bash("docker tag \"$1\" \"$2\" && docker push \"$2\"; status=$?; docker rmi \"$2\" >/dev/null;"
                    + " exit $status", STACK_IMAGE, tag);
            assertThat(push.output()).contains("Layer already exists").doesNotContain("Pushed");
        } finally {
            registry.destroyForcibly().waitFor();
        }
    }

    private static final String V2 = "docker/registry/v2";
    private static final String STACK_IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE",
            "paas/stack:bookworm");

    private static List<Path> files(Path under) throws IOException {
        try (Stream<Path> walk = Files.walk(under)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static Shell.Result bash(String script, String... args) {
        var command = new ArrayList<>(List.of("bash", "-c", script, "test"));
        command.addAll(List.of(args));
        return Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), command).orFail("bash");
    }
}
