package dev.paas.bench.platform;

import dev.paas.client.ProcessState;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform, as bin/platform up runs it ({@code bench/run-platform} starts one): time from
 * {@code git push} to the new version served through the router, cold (new app, empty build
 * cache) and warm (one-line change); time from a rollback to the old version served; and the
 * resident memory of every component at idle.
 *
 * <p>Environment: PAAS_API_URL, PAAS_API_KEY (admin), BENCH_GIT_URL, BENCH_ROUTER_PORT,
 * BENCH_RUN_DIR (the pid files), BENCH_ROUNDS (default 3), BENCH_OUT.
 */
public final class PlatformBench {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final List<String> COMPONENTS = List.of("platform-api", "runtime-agent", "builder", "router");
    private final Map<String, String> env;
    private final PlatformClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();
    private final Path work;

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
            commit(repo, home, "v2");
            warm.add(pushUntilServed(repo, home, app, "v2"));
            int previous = api.releases(app, 100).stream().mapToInt(r -> r.version()).max().orElseThrow() - 1;
            awaitSettled(app, previous + 1); // the replaced process gone: the rollback starts a new one
            long start = System.nanoTime();
            api.rollback(app, String.valueOf(previous));
            awaitServed(app, "v1");
            rollback.add(ms(start));
            say(String.format("round %d: push cold %d ms, push warm %d ms, rollback %d ms (to serving)", round,
                    cold.getLast(), warm.getLast(), rollback.getLast()));
            api.destroyApp(app);
        }
        Thread.sleep(10_000); // idle: nothing deployed, nothing building
        say("");
        say("summary (median of " + rounds + "):");
        say(String.format("  git push to served, cold:  %d ms", median(cold)));
        say(String.format("  git push to served, warm:  %d ms", median(warm)));
        say(String.format("  rollback to served:        %d ms", median(rollback)));
        long total = 0;
        for (String component : COMPONENTS) {
            long kb = rssKb(component);
            total += kb;
            say(String.format("  idle RSS %-14s %7.1f MB", component + ":", kb / 1024.0));
        }
        say(String.format("  idle RSS, all components: %.1f MB (Postgres not counted)", total / 1024.0));
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/platform.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out);
    }

    private void commit(Path repo, Path home, String version) throws Exception {
        Files.writeString(repo.resolve("server.js"), "require('http').createServer((q, s) => s.end('" + version
                + "\\n')).listen(process.env.PORT);\nprocess.on('SIGTERM', () => process.exit(0));\n");
        git(repo, home, "add", ".");
        git(repo, home, "-c", "user.email=bench@localhost", "-c", "user.name=bench", "commit", "-q", "-m", version);
    }

    private long pushUntilServed(Path repo, Path home, String app, String version) throws Exception {
        long start = System.nanoTime();
        git(repo, home, "push", "-q", required("BENCH_GIT_URL") + "/" + app + ".git", "main");
        awaitServed(app, version);
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

    private long rssKb(String component) throws IOException {
        String pid = Files.readString(Path.of(required("BENCH_RUN_DIR"), component + ".pid")).strip();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + component + " (pid " + pid + ")");
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
