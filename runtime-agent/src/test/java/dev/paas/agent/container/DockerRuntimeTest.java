package dev.paas.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real Docker engine and the stack image that bin/test builds from Debian packages. */
class DockerRuntimeTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        started.forEach(docker::remove);
        docker.close();
    }

    @Test
    void a_web_process_serves_on_its_published_loopback_port_and_is_listed_by_label() throws Exception {
        String id = start("web", List.of("python3", "-m", "http.server", "5000", "--bind", "0.0.0.0"), 5000);

        Container container = docker.inspect(id);
        assertThat(container.running()).isTrue();
        assertThat(container.hostPort()).isNotNull();
        assertThat(awaitHttp(container.hostPort())).isEqualTo(200);
        assertThat(docker.list("paas.test-run=" + run)).extracting(Container::id).containsExactly(id);
        assertThat(container.labels()).containsEntry("paas.dyno", "web.1");
    }

    @Test
    void app_containers_run_unprivileged_with_limits_and_without_host_mounts() {
        String id = start("worker", List.of("sleep", "30"), null);

        try (var raw = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(HOST).build(), new ApacheDockerHttpClient.Builder().dockerHost(URI.create(HOST))
                .build())) {
            var info = raw.inspectContainerCmd(id).exec();
            assertThat(info.getConfig().getUser()).isEqualTo("1000:1000");
            assertThat(info.getHostConfig().getMemory()).isEqualTo(128L * 1024 * 1024);
            assertThat(info.getHostConfig().getMemorySwap()).isEqualTo(128L * 1024 * 1024);
            assertThat(info.getHostConfig().getPidsLimit()).isEqualTo(64L);
            assertThat(info.getHostConfig().getPrivileged()).isFalse();
            assertThat(info.getHostConfig().getCapDrop()).extracting(Enum::name).contains("ALL");
            assertThat(info.getHostConfig().getSecurityOpts()).contains("no-new-privileges");
            assertThat(info.getMounts()).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_process_that_writes_much_output_keeps_at_most_the_capped_log_files_on_the_host() throws Exception {
        try (var capped = new DockerRuntime(HOST, "1m", 2); var raw = DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).build(),
                new ApacheDockerHttpClient.Builder().dockerHost(URI.create(HOST)).build())) {
            String id = capped.start(new ContainerSpec("paas-test-" + run + "-chatty", IMAGE,
                    List.of("python3", "-c", "[print('x' * 1000) for _ in range(6000)]"), Map.of(),
                    Map.of("paas.test-run", run), 128, 64, "1000:1000", "127.0.0.1", null, null));
            started.add(id);
            awaitExit(id);

            var info = raw.inspectContainerCmd(id).exec();
            assertThat(info.getHostConfig().getLogConfig().getType().getType()).isEqualTo("json-file");
            assertThat(info.getHostConfig().getLogConfig().getConfig()).containsEntry("max-size", "1m")
                    .containsEntry("max-file", "2");
            var log = java.nio.file.Path.of(info.getLogPath());
            try (var files = java.nio.file.Files.list(log.getParent())) {
                var logs = files.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString()))
                        .toList();
                assertThat(logs).as("6 MB of output kept in at most 2 files").hasSizeBetween(1, 2);
                for (var f : logs) {
                    assertThat(java.nio.file.Files.size(f)).as(f.toString()).isLessThanOrEqualTo(1_200_000L);
                }
            }
        }
    }

    @Test
    void a_crashed_process_reports_its_exit_code() throws Exception {
        String id = start("worker", List.of("sh", "-c", "exit 3"), null);

        Container exited = awaitExit(id);

        assertThat(exited.exitCode()).isEqualTo(3);
    }

    @Test
    void stop_sends_sigterm_first_and_sigkill_only_after_the_grace_period() throws Exception {
        String polite = start("web", List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"), null);
        String stubborn = start("worker", List.of("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"), null);

        docker.stop(polite, Duration.ofSeconds(20));
        docker.stop(stubborn, Duration.ofSeconds(1));

        assertThat(docker.inspect(polite).exitCode()).as("exited on SIGTERM by itself").isZero();
        assertThat(docker.inspect(stubborn).exitCode()).as("killed after the grace period").isEqualTo(137);
        docker.stop(polite, Duration.ofSeconds(1));
        docker.remove(polite);
        docker.remove(polite);
        assertThat(docker.list("paas.test-run=" + run)).extracting(Container::id).containsExactly(stubborn);
    }

    private String start(String type, List<String> command, Integer port) {
        String id = docker.start(new ContainerSpec("paas-test-" + run + "-" + type + "-" + started.size(), IMAGE,
                command, Map.of("PORT", String.valueOf(port), "DYNO", type + ".1"),
                Map.of("paas.test-run", run, "paas.dyno", type + ".1"), 128, 64, "1000:1000", "127.0.0.1", port, null));
        started.add(id);
        return id;
    }

    private Container awaitExit(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Container c = docker.inspect(id);
        while (c.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            c = docker.inspect(id);
        }
        assertThat(c.running()).as("exited within 20 s").isFalse();
        return c;
    }

    private static int awaitHttp(int port) throws InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing answered on 127.0.0.1:" + port + " within 30 s");
    }
}
