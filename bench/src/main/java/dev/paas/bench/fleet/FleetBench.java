package dev.paas.bench.fleet;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How big a fleet one control plane carries (docs/scaling.md): simulated agents against a real platform-api
 * and Postgres, no containers. (1) Closed loop: as many agent calls as the API answers (heartbeat, then a
 * pass: desired instances and a report), at 16 and 64 callers. (2) Open loop: N agents at the real rhythm
 * (a heartbeat every 5 s, a pass every 30 s, spread evenly): heartbeat latency and agents the API declared lost.
 * (3) Event fan-out: M watchers follow GET /events; one config:set, time until every watcher has its event.
 * {@code bench/run-fleet} starts an API on a fresh database and runs this against it.
 */
public final class FleetBench {
    private final PlatformClient api;
    private final FleetConfig config;
    private final PrintStream progress;
    private final List<String> lines = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private FleetBench(FleetConfig config, PrintStream progress) {
        this.config = config;
        this.api = new PlatformClient(config.apiUrl(), config.apiKey());
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        FleetConfig config;
        try {
            config = FleetConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(78);
            return;
        }
        new FleetBench(config, System.err).run(System.out);
        // watchers' streams block in reads that nothing else ends
        System.exit(0);
    }

    private void run(PrintStream out) throws Exception {
        lines.add("paas fleet benchmark (control plane only: simulated agents, no containers)");
        lines.add("date:    " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores shared by the API, Postgres and this client");
        lines.add("api:     " + config.apiUrl());
        lines.add("");
        progress.println("==> warm-up: 16 agents calling without pause for " + config.seconds() + " s (not reported)");
        closedLoop(16);
        lines.removeLast();
        lines.removeLast();
        for (int callers : List.of(16, 64)) {
            closedLoop(callers);
        }
        lines.add("");
        for (int agents : config.agents()) {
            openLoop(agents);
        }
        lines.add("");
        for (int watchers : config.watchers()) {
            fanOut(watchers);
        }
        String text = String.join("\n", lines) + "\n";
        out.print(text);
        Files.createDirectories(config.out().toAbsolutePath().getParent());
        Files.writeString(config.out(), text);
    }

    private List<UUID> register(int count, String prefix) throws InterruptedException {
        var ids = new ConcurrentLinkedQueue<UUID>();
        var done = new CountDownLatch(count);
        var gate = new java.util.concurrent.Semaphore(32);
        for (int i = 0; i < count; i++) {
            int n = i;
            Thread.ofVirtual().start(() -> {
                try {
                    gate.acquire();
                    ids.add(api.registerAgent(new Wire.AgentRegistration(prefix + "-" + run + "-" + n,
                            "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256), 4096)).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    gate.release();
                    done.countDown();
                }
            });
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("registering " + count + " agents took over 5 min");
        }
        return List.copyOf(ids);
    }

    /** Each caller plays one agent and calls as fast as it is answered: heartbeat, desired instances, report. */
    private void closedLoop(int callers) throws InterruptedException {
        progress.println("==> closed loop, " + callers + " agents calling without pause, " + config.seconds() + " s");
        var ids = register(callers, "loop" + callers);
        var heartbeat = new ConcurrentLinkedQueue<Long>();
        var pass = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.seconds());
        var threads = new ArrayList<Thread>();
        for (UUID id : ids) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        long t0 = System.nanoTime();
                        api.heartbeat(id);
                        long t1 = System.nanoTime();
                        api.agentInstances(id);
                        api.report(id, List.of());
                        long t2 = System.nanoTime();
                        heartbeat.add(t1 - t0);
                        pass.add(t2 - t1);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (var t : threads) {
            t.join();
        }
        double seconds = config.seconds();
        lines.add(String.format(Locale.ROOT, "closed loop, %3d callers: %7.1f heartbeats/s + %7.1f passes/s "
                        + "(heartbeat p50/p99 %s ms, pass p50/p99 %s ms), %d errors", callers,
                heartbeat.size() / seconds, pass.size() / seconds, p5099(heartbeat), p5099(pass), errors.get()));
        lines.add(String.format(Locale.ROOT, "    = agents at the default rhythm (heartbeat 5 s, pass 30 s) one API "
                + "could carry at this rate: ~%d", (long) (heartbeat.size() / seconds / (1 / 5.0 + 1 / 30.0))));
    }

    /** N agents at the agent's own rhythm; the API's monitor declares one lost after its timeout (30 s). */
    private void openLoop(int count) throws InterruptedException {
        progress.println("==> open loop, " + count + " agents at the default rhythm, " + config.openSeconds() + " s");
        var ids = register(count, "fleet" + count);
        var heartbeat = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(config.openSeconds());
        var threads = new ArrayList<Thread>();
        for (UUID id : ids) {
            long offset = ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(5));
            threads.add(Thread.ofVirtual().start(() -> {
                long next = start + offset;
                long nextPass = next + ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(30));
                while (next < end) {
                    sleepUntil(next);
                    try {
                        long t0 = System.nanoTime();
                        api.heartbeat(id);
                        heartbeat.add(System.nanoTime() - t0);
                        if (System.nanoTime() >= nextPass) {
                            api.agentInstances(id);
                            api.report(id, List.of());
                            nextPass += TimeUnit.SECONDS.toNanos(30);
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    next += TimeUnit.SECONDS.toNanos(5);
                }
            }));
        }
        for (var t : threads) {
            t.join();
        }
        var mine = new java.util.HashSet<>(ids);
        long lost = agents().stream().filter(a -> mine.contains(a.id()) && !a.status().equals("alive")).count();
        lines.add(String.format(Locale.ROOT, "open loop, %5d agents (%.0f heartbeats/s): heartbeat p50/p99/max %s ms, "
                        + "%d errors, %d declared lost", count, count / 5.0, p5099max(heartbeat), errors.get(), lost));
    }

    /** M watchers on GET /events; a config:set; the time from its answer to each watcher's receipt of its event. */
    private void fanOut(int watchers) throws InterruptedException {
        progress.println("==> event fan-out to " + watchers + " watchers");
        String app = "fanout-" + run + "-" + watchers;
        api.createApp(app);
        var opened = new CountDownLatch(watchers);
        Map<Integer, Long> received = new ConcurrentHashMap<>();
        var appId = api.app(app).id();
        for (int i = 0; i < watchers; i++) {
            int w = i;
            var client = new PlatformClient(config.apiUrl(), config.apiKey());
            Thread.ofVirtual().start(() -> {
                try {
                    client.followEvents(-1, opened::countDown, event -> {
                        if (appId.equals(event.appId())) {
                            received.putIfAbsent(w, System.nanoTime());
                        }
                    });
                } catch (RuntimeException e) {
                    progress.println("watcher " + w + ": " + e.getMessage());
                }
            });
        }
        if (!opened.await(2, TimeUnit.MINUTES)) {
            lines.add("fan-out to " + watchers + " watchers: only " + (watchers - opened.getCount()) + " streams opened");
            return;
        }
        // the first event after the streams open warms the path up; the second is the one measured
        long t0 = 0;
        for (int round = 0; round < 2; round++) {
            Thread.sleep(500); // the warm-up's later events (one change may announce several) pass first
            received.clear();
            t0 = System.nanoTime();
            api.updateConfigVars(app, Map.of("FANOUT", String.valueOf(round)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < watchers && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        long start = t0;
        long[] delays = received.values().stream().mapToLong(r -> Math.max(0, r - start)).sorted().toArray();
        lines.add(String.format(Locale.ROOT, "fan-out to %4d watchers: %4d got the event; from the config:set's request, "
                        + "p50/p99/max %s ms", watchers, delays.length, pctl(delays)));
    }

    /** GET /agents (the CLI has no use for it, so the shared client has no method). */
    private List<Wire.Agent> agents() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            config.apiUrl().resolve("/agents")).header("Authorization", "Bearer " + config.apiKey()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return dev.paas.client.Json.mapper().readValue(response.body(),
                    new com.fasterxml.jackson.core.type.TypeReference<List<Wire.Agent>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String p5099(ConcurrentLinkedQueue<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length == 0 ? "-/-" : String.format(Locale.ROOT, "%.1f/%.1f", rank(a, .5), rank(a, .99));
    }

    private static String p5099max(ConcurrentLinkedQueue<Long> nanos) {
        return pctl(nanos.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    private static String pctl(long[] sorted) {
        return sorted.length == 0 ? "-/-/-" : String.format(Locale.ROOT, "%.1f/%.1f/%.1f", rank(sorted, .5),
                rank(sorted, .99), sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Settings from the environment. */
    record FleetConfig(java.net.URI apiUrl, String apiKey, int seconds, int openSeconds, List<Integer> agents,
                       List<Integer> watchers, Path out) {
        static FleetConfig fromEnv(Map<String, String> env) {
            String url = env.get("PAAS_API_URL");
            String key = env.get("PAAS_API_KEY");
            if (url == null || key == null) {
                throw new IllegalArgumentException("PAAS_API_URL and PAAS_API_KEY (an admin token) must be set");
            }
            return new FleetConfig(java.net.URI.create(url), key, number(env, "BENCH_SECONDS", "10"),
                    number(env, "BENCH_OPEN_SECONDS", "40"), list(env, "BENCH_AGENTS", "500,2000"),
                    list(env, "BENCH_WATCHERS", "10,100,400"),
                    Path.of(env.getOrDefault("BENCH_OUT", "bench/results/fleet.txt")));
        }

        private static int number(Map<String, String> env, String name, String fallback) {
            try {
                int n = Integer.parseInt(env.getOrDefault(name, fallback).trim());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a positive whole number");
            }
        }

        private static List<Integer> list(Map<String, String> env, String name, String fallback) {
            try {
                return Arrays.stream(env.getOrDefault(name, fallback).split(",")).map(String::trim)
                        .map(Integer::parseInt).filter(n -> n > 0).toList();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be comma-separated positive numbers, such as 500,2000");
            }
        }
    }

}
