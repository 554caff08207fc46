package dev.paas.bench.addon;

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
 * Time from {@code addons:create heroku-postgresql} to the app served with a DATABASE_URL that
 * works (its web process answers {@code db=ok} after a query through it), on the platform as
 * bin/platform up runs it ({@code bench/run-addon} starts one). The baseline, in the same run, is
 * a plain {@code config:set} to the app served with the new value: the release and restart that
 * every add-on's attachment also is, without the provisioning.
 *
 * <p>Environment: PAAS_API_URL, PAAS_API_KEY (admin), BENCH_GIT_URL, BENCH_ROUTER_PORT,
 * BENCH_ROUNDS (default 3), BENCH_OUT.
 */
public final class AddonBench {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final String SERVER = """
            const { execFileSync } = require('child_process');
            const db = () => {
              if (!process.env.DATABASE_URL) return 'none';
              try {
                execFileSync('psql', [process.env.DATABASE_URL, '-tAc', 'select 1'], { timeout: 5000, stdio: 'pipe' });
                return 'ok';
              } catch (e) {
                return 'error';
              }
            };
            require('http').createServer((q, s) => s.end((process.env.MARK || '-') + ' db=' + db() + '\\n'))
              .listen(process.env.PORT);
            process.on('SIGTERM', () => process.exit(0));
            """;
    private final Map<String, String> env;
    private final PlatformClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();
    private final Path work;

    private AddonBench(Map<String, String> env) throws IOException {
        this.env = env;
        String url = required("PAAS_API_URL");
        if (!URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("PAAS_API_URL must be on 127.0.0.1, got " + url);
        }
        this.api = new PlatformClient(URI.create(url), required("PAAS_API_KEY"));
        this.work = Files.createTempDirectory("paas-bench-addon-");
    }

    public static void main(String[] args) throws Exception {
        new AddonBench(System.getenv()).run();
    }

    private void run() throws Exception {
        int rounds = Integer.parseInt(env.getOrDefault("BENCH_ROUNDS", "3"));
        Path home = Files.createDirectories(work.resolve("home"));
        String gitHost = URI.create(required("BENCH_GIT_URL")).getHost();
        Files.writeString(home.resolve(".netrc"), "machine " + gitHost + " login bench password "
                + required("PAAS_API_KEY") + "\n");
        say("# add-on benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; a Node.js app answering whether DATABASE_URL works (psql), served through the router");
        var baseline = new ArrayList<Long>();
        var addon = new ArrayList<Long>();
        for (int round = 1; round <= rounds; round++) {
            String app = "bench-addon-" + UUID.randomUUID().toString().substring(0, 6);
            api.createApp(app);
            Path repo = Files.createDirectories(work.resolve(app));
            git(repo, home, "init", "-q", "-b", "main");
            Files.writeString(repo.resolve("package.json"), "{\"name\":\"" + app + "\",\"version\":\"1.0.0\","
                    + "\"private\":true,\"scripts\":{\"start\":\"node server.js\"}}\n");
            Files.writeString(repo.resolve("server.js"), SERVER);
            git(repo, home, "add", ".");
            git(repo, home, "-c", "user.email=bench@localhost", "-c", "user.name=bench", "commit", "-q", "-m", "v1");
            git(repo, home, "push", "-q", required("BENCH_GIT_URL") + "/" + app + ".git", "main");
            awaitServed(app, "- db=none");

            long start = System.nanoTime();
            api.updateConfigVars(app, Map.of("MARK", "r" + round));
            awaitServed(app, "r" + round + " db=none");
            baseline.add(ms(start));

            start = System.nanoTime();
            var created = api.createAddon(app, "heroku-postgresql");
            awaitServed(app, "r" + round + " db=ok");
            addon.add(ms(start));
            say(String.format("round %d: config:set to served %d ms, addons:create heroku-postgresql to served with "
                    + "a working DATABASE_URL %d ms", round, baseline.getLast(), addon.getLast()));
            api.destroyAddon(created.name(), app);
            api.destroyApp(app);
        }
        say("");
        say("summary (median of " + rounds + "):");
        say(String.format("  config:set to served (baseline):         %d ms", median(baseline)));
        say(String.format("  addons:create to served with the URL:    %d ms", median(addon)));
        say(String.format("  provisioning's share (difference):       %d ms", median(addon) - median(baseline)));
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/addon.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out);
    }

    private void awaitServed(String app, String body) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + required("BENCH_ROUTER_PORT") + "/"))
                .header("Host", app + ".localhost").timeout(Duration.ofSeconds(10)).build();
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
        throw new IllegalStateException(app + " did not serve '" + body + "' within " + LIMIT);
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

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (bench/run-addon sets it)");
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
