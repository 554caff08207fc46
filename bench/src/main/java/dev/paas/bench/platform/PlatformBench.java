package dev.paas.bench.platform;

import dev.paas.bench.ApiBench;
import dev.paas.client.ProcessState;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole platform, as bin/platform up runs it ({@code bench/run-platform} starts one): time from
 * {@code git push} to the new version served through the router, cold (new app, empty build
 * cache) and warm (one-line change, to a settled platform, and again back to back); time from a rollback to the old version served; and the
 * resident memory and threads of every component at idle, and again after a load: the API benchmark
 * ({@link ApiBench}), a push, and {@value #ROUTER_REQUESTS} requests through the router.
 *
 * <p>Environment: PAAS_API_URL, PAAS_API_KEY (admin), BENCH_GIT_URL, BENCH_ROUTER_PORT,
 * BENCH_RUN_DIR (the pid files), BENCH_BUILDER_DATA_DIR (the builder's, whose warm build container a warm push
 * waits for), BENCH_ROUNDS (default 3), BENCH_API_SECONDS (each API measurement
 * of the load, default 5), BENCH_LOAD (0: no load, no after-load figures), BENCH_OUT, BENCH_COMPONENTS (the
 * pid files' names, comma-separated: default the four components; {@code all-in-one} for PAAS_ONE_PROCESS=1).
 */
public final class PlatformBench {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final int ROUTER_REQUESTS = 10_000;
    private static final int ROUTER_CLIENTS = 16;
    /** A JVM's heap settles after a burst; the figures are read this long after the last request. */
    private static final long SETTLE_MILLIS = 10_000;
    private static final String FOUR = "platform-api,runtime-agent,builder,router";
    private final Map<String, String> env;
    private final PlatformClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();
    private final Path work;
    private PushTimeline lastWarm;

    private PlatformBench(Map<String, String> env) throws IOException {
        this.env = env;
        String url = required("PAAS_API_URL");
        if (!URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("PAAS_API_URL must be on 127.0.0.1, got " + url);
        }
        this.api = new PlatformClient(URI.create(url), required("PAAS_API_KEY"));
        this.work = Files.createTempDirectory("paas-bench-");
    }

    public static void main(String[] args) throws Exception {
        new PlatformBench(System.getenv()).run();
    }

    private void run() throws Exception {
        int rounds = Integer.parseInt(env.getOrDefault("BENCH_ROUNDS", "3"));
        Path home = Files.createDirectories(work.resolve("home"));
        String gitHost = URI.create(required("BENCH_GIT_URL")).getHost();
        Files.writeString(home.resolve(".netrc"), "machine " + gitHost + " login bench password "
                + required("PAAS_API_KEY") + "\n");
        say("# platform benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; a Node.js app (no dependencies) pushed with git, served through the router");
        var cold = new ArrayList<Long>();
        var warm = new ArrayList<Long>();
        var backToBack = new ArrayList<Long>();
        var rollback = new ArrayList<Long>();
        for (int round = 1; round <= rounds; round++) {
            String app = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            api.createApp(app);
            Path repo = Files.createDirectories(work.resolve(app));
            git(repo, home, "init", "-q", "-b", "main");
            Files.writeString(repo.resolve("package.json"), "{\"name\":\"" + app + "\",\"version\":\"1.0.0\","
                    + "\"private\":true,\"scripts\":{\"start\":\"node server.js\"}}\n");
            commit(repo, home, "v1");
            cold.add(pushUntilServed(repo, home, app, "v1"));
            // At once, as a second push a second after the first: the builder is still starting its next warm
            // container, and the platform still stopping what the first push replaced.
            commit(repo, home, "v2");
            backToBack.add(pushUntilServed(repo, home, app, "v2"));
            // A warm push as a developer's next one: to a settled platform (the replaced process gone, the
            // builder's warm container started), with the app's build cache and image layers warm.
            awaitSettled(app, latestRelease(app));
            awaitWarmBuildContainer();
            commit(repo, home, "v3");
            var timeline = new PushTimeline(Instant.now());
            warm.add(pushUntilServed(repo, home, app, "v3", timeline));
            timeline.appLog(api.logs(app, 300, null, null));
            lastWarm = timeline;
            int previous = latestRelease(app) - 1;
            awaitSettled(app, previous + 1); // the replaced process gone: the rollback starts a new one
            long start = System.nanoTime();
            api.rollback(app, String.valueOf(previous));
            awaitServed(app, "v2");
            rollback.add(ms(start));
            say(String.format("round %d: push cold %d ms, push warm %d ms (back to back %d ms), rollback %d ms "
                    + "(to serving)", round, cold.getLast(), warm.getLast(), backToBack.getLast(), rollback.getLast()));
            api.destroyApp(app);
        }
        Thread.sleep(SETTLE_MILLIS); // idle: nothing deployed, nothing building
        say("");
        say("summary (median of " + rounds + "):");
        say(String.format("  git push to served, cold:  %d ms", median(cold)));
        say(String.format("  git push to served, warm:  %d ms (to a settled platform)", median(warm)));
        say(String.format("  the same, back to back:    %d ms (pushed as the last one was served)", median(backToBack)));
        say(String.format("  rollback to served:        %d ms", median(rollback)));
        if (lastWarm != null) {
            say("timeline of the last warm push (offsets from the start of git push):");
            lastWarm.lines().forEach(this::say);
        }
        footprint("idle");
        if (!"0".equals(env.get("BENCH_LOAD"))) {
            load(home);
            Thread.sleep(SETTLE_MILLIS);
            footprint("after load");
        }
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/platform.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out);
    }

    /**
     * The load the after-load figures follow: the API benchmark (config:set and GET at 1, 16 and 64
     * clients; its own report goes to the run dir), then one app pushed and {@value #ROUTER_REQUESTS}
     * requests through the router from {@value #ROUTER_CLIENTS} clients.
     */
    private void load(Path home) throws Exception {
        var apiEnv = Map.of("PAAS_API_URL", required("PAAS_API_URL"), "PAAS_API_KEY", required("PAAS_API_KEY"),
                "BENCH_SECONDS", env.getOrDefault("BENCH_API_SECONDS", "5"),
                "BENCH_OUT", Path.of(required("BENCH_RUN_DIR"), "api-under-load.txt").toString());
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        if (ApiBench.run(apiEnv, quiet, System.err) != 0) {
            throw new IllegalStateException("the API benchmark of the load failed (see above)");
        }
        String app = "bench-load-" + UUID.randomUUID().toString().substring(0, 6);
        api.createApp(app);
        Path repo = Files.createDirectories(work.resolve(app));
        git(repo, home, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("package.json"), "{\"name\":\"" + app + "\",\"version\":\"1.0.0\","
                + "\"private\":true,\"scripts\":{\"start\":\"node server.js\"}}\n");
        commit(repo, home, "v1");
        pushUntilServed(repo, home, app, "v1");
        long start = System.nanoTime();
        long failed = routerRequests(app);
        say(String.format("load: API benchmark, a push, %d requests through the router in %d ms (%d failed)",
                ROUTER_REQUESTS, ms(start), failed));
        api.destroyApp(app);
    }

    /** {@value #ROUTER_REQUESTS} GETs through the router, closed loop; how many did not answer 200. */
    private long routerRequests(String app) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + required("BENCH_ROUTER_PORT") + "/"))
                .header("Host", app + ".localhost").timeout(Duration.ofSeconds(10)).build();
        var next = new AtomicInteger();
        var failed = new AtomicLong();
        var clients = new ArrayList<Thread>();
        for (int c = 0; c < ROUTER_CLIENTS; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (next.getAndIncrement() < ROUTER_REQUESTS) {
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        return failed.get();
    }

    /** Each component's resident memory (RSS and PSS) and threads (as /proc tells them), and the totals. */
    private void footprint(String when) throws IOException {
        long total = 0;
        long totalPss = 0;
        var components = List.of(env.getOrDefault("BENCH_COMPONENTS", FOUR).split(","));
        for (String component : components) {
            var status = procStatus(component);
            long pss = pss(component);
            total += status.get("VmRSS");
            totalPss += pss;
            say(String.format("  %s RSS %-14s %7.1f MB, %3d threads (PSS %.1f MB)", when, component + ":",
                    status.get("VmRSS") / 1024.0, status.get("Threads"), pss / 1024.0));
        }
        for (String component : components) {
            say(String.format("  %s JVM %-14s %s", when, component + ":", JvmUsage.of(pid(component))));
        }
        say(String.format("  %s RSS, all components: %.1f MB (PSS %.1f MB; Postgres not counted)", when,
                total / 1024.0, totalPss / 1024.0));
    }

    private void commit(Path repo, Path home, String version) throws Exception {
        Files.writeString(repo.resolve("server.js"), "require('http').createServer((q, s) => s.end('" + version
                + "\\n')).listen(process.env.PORT);\nprocess.on('SIGTERM', () => process.exit(0));\n");
        git(repo, home, "add", ".");
        git(repo, home, "-c", "user.email=bench@localhost", "-c", "user.name=bench", "commit", "-q", "-m", version);
    }

    private long pushUntilServed(Path repo, Path home, String app, String version) throws Exception {
        return pushUntilServed(repo, home, app, version, new PushTimeline(Instant.now()));
    }

    /** The push's output lines go to {@code timeline} as they come, and the moment it was served. */
    private long pushUntilServed(Path repo, Path home, String app, String version, PushTimeline timeline)
            throws Exception {
        long start = System.nanoTime();
        var command = List.of("git", "push", "--progress", required("BENCH_GIT_URL") + "/" + app + ".git", "main");
        var builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        var process = builder.start();
        var output = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                timeline.pushed(Instant.now(), line);
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        timeline.mark(Instant.now(), "git push returned");
        awaitServed(app, version);
        timeline.mark(Instant.now(), "served " + version + " through the router");
        return ms(start);
    }

    private void awaitServed(String app, String body) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + required("BENCH_ROUTER_PORT") + "/"))
                .header("Host", app + ".localhost").timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().strip().equals(body)) {
                    return;
                }
            } catch (IOException notYet) {
                // retried below
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException(app + " did not serve " + body + " within " + LIMIT);
    }

    private int latestRelease(String app) {
        return api.releases(app, 100).stream().mapToInt(r -> r.version()).max().orElseThrow();
    }

    /**
     * Waits for the builder's warm build container (PAAS_BUILD_WARM_CONTAINER) to run; returns at once when the
     * builder keeps none (BENCH_BUILDER_DATA_DIR unset: the builder's data dir, whose path labels its containers).
     */
    private void awaitWarmBuildContainer() throws Exception {
        String data = env.get("BENCH_BUILDER_DATA_DIR");
        if (data == null || data.isBlank() || "false".equals(env.get("PAAS_BUILD_WARM_CONTAINER"))) {
            return;
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        var command = List.of(env.getOrDefault("DOCKER", "/usr/bin/docker"), "ps", "-q", "--filter",
                "label=dev.paas.builder.build=warm", "--filter", "label=dev.paas.builder.owner=" + data, "--filter",
                "status=running");
        while (System.nanoTime() < deadline) {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() == 0 && !out.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no warm build container of the builder on " + data + " within " + LIMIT);
    }

    private void awaitSettled(String app, int release) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            var dynos = api.dynos(app);
            if (dynos.size() == 1 && dynos.getFirst().release() == release && dynos.getFirst().state() == ProcessState.UP) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(app + " did not settle on v" + release + " within " + LIMIT);
    }

    private static void git(Path repo, Path home, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** VmRSS (kB) and Threads of a component's /proc/PID/status. */
    private Map<String, Long> procStatus(String component) throws IOException {
        String pid = pid(component);
        var values = new HashMap<String, Long>();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon);
            if (key.equals("VmRSS") || key.equals("Threads")) {
                values.put(key, Long.parseLong(line.replaceAll("\\D", "")));
            }
        }
        if (values.size() != 2) {
            throw new IllegalStateException("no VmRSS or Threads for " + component + " (pid " + pid + ")");
        }
        return values;
    }

    /**
     * Proportional set size (kB, /proc/PID/smaps_rollup): pages shared with other processes (libjvm, the
     * JDK's class archive, in all four JVMs) count a share each, where RSS counts them whole in every one.
     */
    private long pss(String component) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", pid(component), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no Pss in /proc/" + pid(component) + "/smaps_rollup");
    }

    private String pid(String component) throws IOException {
        return Files.readString(Path.of(required("BENCH_RUN_DIR"), component + ".pid")).strip();
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (bench/run-platform sets it)");
        }
        return value.trim();
    }

    private void say(String line) {
        System.out.println(line);
        report.add(line);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
