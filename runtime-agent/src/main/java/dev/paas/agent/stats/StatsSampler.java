package dev.paas.agent.stats;

import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.container.ContainerStats;
import dev.paas.agent.converge.ProcessLog;
import dev.paas.common.metrics.PrometheusText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each running process's memory and CPU from the engine every interval, on its own thread
 * and off the reconcile loop: a one-shot reading takes the engine a second or two, so all of them
 * run at once, each on a virtual thread. The loop tells it what runs ({@link #track}); reports and
 * {@code /metrics} read the last readings; apps with runtime metrics get Heroku's sample lines.
 */
public final class StatsSampler implements AutoCloseable {
    public static final StatsSampler NONE = new StatsSampler(null, ProcessLog.NONE, Duration.ofSeconds(20),
            Clock.systemUTC());
    private static final Logger LOG = LoggerFactory.getLogger(StatsSampler.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private final ContainerRuntime runtime;
    private final ProcessLog log;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Sample> latest = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile List<Tracked> tracked = List.of();
    private volatile boolean running = true;
    private Thread loop;

    /** {@code runtime} null: samples nothing (tests of the loop without an engine). */
    public StatsSampler(ContainerRuntime runtime, ProcessLog log, Duration interval, Clock clock) {
        this.runtime = runtime;
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    public StatsSampler start() {
        if (runtime != null) {
            loop = Thread.ofPlatform().daemon().name("stats-sampler").start(this::run);
        }
        return this;
    }

    /** The processes that run now, as the last pass found them: the next reading takes these. */
    public void track(List<Tracked> running) {
        tracked = List.copyOf(running);
        Set<String> ids = running.stream().map(Tracked::containerId).collect(Collectors.toSet());
        latest.keySet().retainAll(ids);
    }

    public Optional<Sample> latest(String containerId) {
        return containerId == null ? Optional.empty() : Optional.ofNullable(latest.get(containerId));
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            try {
                sampleOnce();
            } catch (RuntimeException e) {
                LOG.warn("at=warn msg=\"process stats failed; next interval\" error=\"{}\"", e.toString());
            }
            long rest = interval.toNanos() - (System.nanoTime() - started);
            try {
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads every tracked process at once; one the engine cannot read in time is skipped until the next round. */
    void sampleOnce() {
        List<Tracked> now = tracked;
        var readings = new ArrayList<Map.Entry<Tracked, Future<Optional<ContainerStats>>>>();
        for (Tracked t : now) {
            readings.add(Map.entry(t, readers.submit(() -> runtime.stats(t.containerId()))));
        }
        // A reading takes the engine a second or two whatever the interval: a short interval must not cut it off.
        long deadline = System.nanoTime() + Math.max(interval.toNanos(), READ_TIMEOUT.toNanos());
        for (var reading : readings) {
            Tracked t = reading.getKey();
            Optional<ContainerStats> stats;
            try {
                stats = reading.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                reading.getValue().cancel(true);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException failed) {
                continue;
            }
            stats.ifPresent(s -> record(t, s));
        }
    }

    private void record(Tracked t, ContainerStats stats) {
        if (!tracked.contains(t)) {
            return; // it stopped while it was read: its reading must not come back into the map
        }
        Instant at = clock.instant();
        Sample before = latest.get(t.containerId());
        double seconds = before == null ? interval.toMillis() / 1000.0
                : Duration.between(before.at(), at).toMillis() / 1000.0;
        LoadAverage load = (before == null ? LoadAverage.ZERO : before.load()).next(stats.cpuPercent() / 100,
                seconds);
        // The lines go out before the reading is visible: whoever sees the reading can count on its lines.
        if (t.runtimeMetrics()) {
            RuntimeMetricsLines.of(t.key().dyno(), t.key().app(), t.containerId(), stats, load)
                    .forEach(line -> log.platform(t.key(), line));
        }
        latest.put(t.containerId(), new Sample(t, stats, load, at));
    }

    /** The last readings as Prometheus text, labelled by app, process type and process. */
    public String prometheus() {
        var samples = new ArrayList<>(latest.values());
        samples.sort(Comparator.comparing((Sample s) -> s.process().appName())
                .thenComparing(s -> s.process().key().dyno()));
        var out = new PrometheusText();
        out.type("agent_process_memory_bytes", "gauge", "memory in use by each process, without reclaimable cache");
        samples.forEach(s -> out.sample("agent_process_memory_bytes", s.memoryBytes(), labels(s)));
        out.type("agent_process_memory_limit_bytes", "gauge", "each process's memory limit");
        samples.forEach(s -> out.sample("agent_process_memory_limit_bytes", s.stats().memoryLimit(), labels(s)));
        out.type("agent_process_cpu_percent", "gauge", "CPU used by each process, in percent of one core");
        samples.forEach(s -> out.sample("agent_process_cpu_percent", s.cpuPercent(), labels(s)));
        out.type("agent_process_load_avg_1m", "gauge", "each process's load average over a minute");
        samples.forEach(s -> out.sample("agent_process_load_avg_1m", s.load().oneMinute(), labels(s)));
        out.type("agent_processes", "gauge", "processes sampled").sample("agent_processes", samples.size());
        return out.jvm().toString();
    }

    private static String[] labels(Sample s) {
        return new String[] {"app", s.process().appName(), "process_type", s.process().key().type(),
                "dyno", s.process().key().dyno()};
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        readers.shutdownNow();
    }
}
