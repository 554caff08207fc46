package dev.paas.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.container.ContainerSpec;
import dev.paas.agent.container.ContainerStats;
import dev.paas.agent.converge.ProcessLog;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The sampler's own logic on an engine of our own making; DockerStatsTest and RuntimeMetricsTest use the real one. */
class StatsSamplerTest {
    private static final ContainerStats READING = new ContainerStats(64L << 20, 0, 60L << 20, 4L << 20, 0, 10, 5,
            512L << 20, 1_000, 0, 2_000, 0, 2);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ProcessLog log = new ProcessLog() {
        @Override
        public void app(InstanceKey key, Instant time, String line) {
        }

        @Override
        public void platform(InstanceKey key, String line) {
            lines.add(key.dyno() + " " + line);
        }
    };

    @Test
    void slow_readings_run_at_once_not_one_after_another() {
        var sampler = new StatsSampler(new SlowEngine(Duration.ofMillis(800)), log, Duration.ofSeconds(20),
                Clock.systemUTC());
        sampler.track(List.of(tracked("c1", "web", 1, false), tracked("c2", "web", 2, false),
                tracked("c3", "worker", 1, false), tracked("c4", "worker", 2, false), tracked("c5", "clock", 1, false)));

        long started = System.nanoTime();
        sampler.sampleOnce();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMs).as("five readings of 800 ms each").isLessThan(2_500);
        assertThat(sampler.latest("c5")).hasValueSatisfying(s -> assertThat(s.memoryBytes()).isEqualTo(64L << 20));
        assertThat(sampler.latest("c1").orElseThrow().cpuPercent()).isEqualTo(100);
        sampler.close();
    }

    @Test
    void only_apps_with_runtime_metrics_get_sample_lines() {
        var sampler = new StatsSampler(new SlowEngine(Duration.ZERO), log, Duration.ofSeconds(20), Clock.systemUTC());
        sampler.track(List.of(tracked("c1", "web", 1, true), tracked("c2", "worker", 1, false)));

        sampler.sampleOnce();

        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("web.1 source=web.1 dyno=heroku.app-id.c1 "));
        assertThat(lines.get(0)).contains("sample#memory_total=64.00MB", "sample#memory_quota=512.00MB");
        assertThat(lines.get(1)).contains("sample#load_avg_1m=");
        sampler.close();
    }

    @Test
    void a_process_that_stopped_is_forgotten_and_leaves_the_metrics() {
        var sampler = new StatsSampler(new SlowEngine(Duration.ZERO), log, Duration.ofSeconds(20), Clock.systemUTC());
        sampler.track(List.of(tracked("c1", "web", 1, false), tracked("c2", "worker", 1, false)));
        sampler.sampleOnce();
        assertThat(sampler.prometheus())
                .contains("agent_process_memory_bytes{app=\"shop\",process_type=\"worker\",dyno=\"worker.1\"} 67108864");

        sampler.track(List.of(tracked("c1", "web", 1, false)));

        assertThat(sampler.latest("c2")).isEmpty();
        assertThat(sampler.prometheus()).doesNotContain("worker.1")
                .contains("agent_process_cpu_percent{app=\"shop\",process_type=\"web\",dyno=\"web.1\"} 100");
        sampler.close();
    }

    @Test
    void a_process_the_engine_cannot_read_is_skipped_and_the_others_are_read() {
        var sampler = new StatsSampler(new SlowEngine(Duration.ZERO), log, Duration.ofSeconds(20), Clock.systemUTC());
        sampler.track(List.of(tracked("gone", "web", 1, true), tracked("c2", "web", 2, true)));

        sampler.sampleOnce();

        assertThat(sampler.latest("gone")).isEmpty();
        assertThat(sampler.latest("c2")).isPresent();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("web.2 "));
        sampler.close();
    }

    private static Tracked tracked(String id, String type, int index, boolean runtimeMetrics) {
        return new Tracked(id, new InstanceKey("app-id", type, index), "shop", runtimeMetrics);
    }

    /** Reads take {@code delay}; the container "gone" has no reading, as a stopped one has none. */
    private record SlowEngine(Duration delay) implements ContainerRuntime {
        @Override
        public Optional<ContainerStats> stats(String id) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id.equals("gone") ? Optional.empty() : Optional.of(READING);
        }

        @Override
        public String start(ContainerSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(String id, Duration grace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Container> list(String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Container inspect(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Integer> exec(String id, String user, List<String> command, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ensureNetwork(String name, Map<String, String> labels) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> networks(String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeNetwork(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogFollow followLogs(String id, Instant since, BiConsumer<Instant, String> onLine) {
            throw new UnsupportedOperationException();
        }
    }
}
