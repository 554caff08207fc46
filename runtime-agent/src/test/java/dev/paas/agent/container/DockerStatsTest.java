package dev.paas.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One-shot readings of real containers on the real engine. */
class DockerStatsTest {
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
    void a_busy_process_reads_with_memory_in_use_its_limit_and_cpu() {
        String busy = start("busy", List.of("sh", "-c", "while :; do :; done"));

        var stats = docker.stats(busy);

        assertThat(stats).hasValueSatisfying(s -> {
            assertThat(s.memoryBytes()).as("memory in use").isPositive();
            assertThat(s.memoryLimit()).isEqualTo(128L * 1024 * 1024);
            assertThat(s.rss()).isPositive();
            assertThat(s.cpuPercent()).as("a busy loop keeps a core busy").isGreaterThan(10);
        });
    }

    @Test
    void an_idle_process_reads_with_little_cpu() {
        String idle = start("idle", List.of("sleep", "60"));

        var stats = docker.stats(idle);

        assertThat(stats).hasValueSatisfying(s -> {
            assertThat(s.memoryBytes()).isPositive();
            assertThat(s.cpuPercent()).isLessThan(10);
        });
    }

    @Test
    void a_stopped_or_unknown_container_has_no_reading() {
        String ended = start("ended", List.of("true"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (docker.inspect(ended).running() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(docker.stats(ended)).isEmpty();
        assertThat(docker.stats("no-such-container-" + run)).isEmpty();
    }

    private String start(String name, List<String> command) {
        String id = docker.start(new ContainerSpec("paas-test-" + run + "-" + name, IMAGE, command, Map.of(),
                Map.of("paas.test-run", run), 128, 64, "1000:1000", "127.0.0.1", null, null));
        started.add(id);
        return id;
    }
}
