package dev.paas.bench.builder;

import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Time from the start of {@code git push} to the release being created, for a small Node.js app with one npm
 * dependency: cold (a new app, empty build cache) and warm (a one-line change, cache kept). The baseline, in the
 * same run and on the same build image, is what a developer would do by hand: {@code docker build} of a
 * Dockerfile that runs the same {@code npm install}, without layer cache (cold) and with it (warm).
 *
 * <p>Environment: PAAS_API_URL, PAAS_API_KEY, PAAS_BUILDER_URL, BENCH_ROUNDS (default 3), BENCH_OUT,
 * PAAS_BUILD_IMAGE, PAAS_BUILD_CA_BUNDLE.
 */
public final class BuilderBench {
    private static final String PACKAGE_JSON = "{\"name\":\"bench\",\"version\":\"1.0.0\",\"private\":true,"
            + "\"dependencies\":{\"is-number\":\"7.0.0\"},\"scripts\":{\"start\":\"node server.js\"}}\n";
    private static final String SERVER = "const isNumber = require(\"is-number\");\n"
            + "require(\"http\").createServer((q, r) => r.end(\"round %s \" + isNumber(1))).listen(process.env.PORT);\n";
    private final Map<String, String> env;
    private final Path work;

    private BuilderBench(Map<String, String> env, Path work) {
        this.env = env;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        var env = System.getenv();
        for (String required : List.of("PAAS_API_URL", "PAAS_API_KEY", "PAAS_BUILDER_URL")) {
            if (env.get(required) == null || env.get(required).isBlank()) {
                System.err.println("configuration error: " + required + " is not set");
                System.exit(78);
            }
        }
        Path work = Files.createTempDirectory("builder-bench");
        try {
            new BuilderBench(env, work).run();
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    private void run() throws Exception {
        int rounds = Integer.parseInt(env.getOrDefault("BENCH_ROUNDS", "3"));
        var client = new PlatformClient(URI.create(env.get("PAAS_API_URL")), env.get("PAAS_API_KEY"));
        Path home = Files.createDirectories(work.resolve("home"));
        URI builder = URI.create(env.get("PAAS_BUILDER_URL").replaceAll("/+$", ""));
        Path netrc = home.resolve(".netrc");
        Files.writeString(netrc, "machine " + builder.getHost() + " login bench password " + env.get("PAAS_API_KEY")
                + "\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));

        var cold = new ArrayList<Double>();
        var warm = new ArrayList<Double>();
        var baseCold = new ArrayList<Double>();
        var baseWarm = new ArrayList<Double>();
        for (int round = 1; round <= rounds; round++) {
            String app = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            client.createApp(app);
            try {
                Path src = work.resolve(app);
                writeApp(src, round + "a");
                run(src, home, "git", "init", "-q", "-b", "main");
                commit(src, home);
                String url = builder + "/" + app + ".git";
                cold.add(timedPush(src, home, url, client, app));
                writeApp(src, round + "b");
                commit(src, home);
                warm.add(timedPush(src, home, url, client, app));
            } finally {
                client.destroyApp(app);
            }
            Path base = work.resolve("baseline-" + round);
            writeApp(base, round + "a");
            writeBaselineDockerfile(base);
            String tag = "paas-bench/baseline:" + round;
            baseCold.add(timed(base, home, "/usr/bin/docker", "build", "-q", "--no-cache", "-t", tag, "."));
            writeApp(base, round + "b");
            baseWarm.add(timed(base, home, "/usr/bin/docker", "build", "-q", "-t", tag, "."));
            run(base, home, "/usr/bin/docker", "rmi", "-f", tag);
        }
        String report = report(rounds, cold, warm, baseCold, baseWarm);
        System.out.print(report);
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/builder.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private double timedPush(Path src, Path home, String url, PlatformClient client, String app) throws Exception {
        int before = client.releases(app, 1000).size();
        long start = System.nanoTime();
        String output = run(src, home, "git", "push", "-q", url, "main");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!output.contains("Released v") || client.releases(app, 1000).size() != before + 1) {
            throw new IllegalStateException("push did not release:\n" + output);
        }
        return seconds;
    }

    private double timed(Path dir, Path home, String... command) throws Exception {
        long start = System.nanoTime();
        run(dir, home, command);
        return (System.nanoTime() - start) / 1e9;
    }

    private void writeApp(Path dir, String round) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), PACKAGE_JSON);
        Files.writeString(dir.resolve("server.js"), SERVER.formatted(round));
    }

    /** The same npm install on the same image, written as a developer would, CA bundle copied in. */
    private void writeBaselineDockerfile(Path dir) throws IOException {
        String image = env.getOrDefault("PAAS_BUILD_IMAGE", "paas/build:bookworm");
        Path ca = Path.of(env.getOrDefault("PAAS_BUILD_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt"));
        Files.copy(ca, dir.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + image + "\n"
                + "COPY ca.crt /etc/ssl/certs/bench-ca.crt\n"
                + "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/bench-ca.crt npm_config_cafile=/etc/ssl/certs/bench-ca.crt\n"
                + "WORKDIR /app\n"
                + "COPY package.json /app/\n"
                + "RUN npm install --no-progress --no-audit --no-fund\n"
                + "COPY server.js /app/\n"
                + "CMD [\"node\", \"server.js\"]\n");
    }

    private static void commit(Path src, Path home) throws Exception {
        run(src, home, "git", "add", "-A");
        run(src, home, "git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "x");
    }

    private static String run(Path dir, Path home, String... command) throws Exception {
        var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static String report(int rounds, List<Double> cold, List<Double> warm, List<Double> baseCold,
                                 List<Double> baseWarm) {
        var out = new StringBuilder();
        out.append("paas builder benchmark\n");
        out.append("date:      ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        out.append("machine:   ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared by the API, Postgres, Docker, the builder and this client\n");
        out.append("app:       Node.js, one npm dependency (is-number), fetched from the npm registry through the "
                + "build network settings\n");
        out.append("measured:  start of `git push` to its end, after the release is created (checked through the API);"
                + " ").append(rounds).append(" rounds\n");
        out.append("cold:      a new app: empty build cache;  warm: one line of server.js changed, cache kept\n");
        out.append("baseline:  `docker build` of a hand-written Dockerfile running the same npm install on the same "
                + "build image; cold = --no-cache, warm = layer cache\n\n");
        out.append(String.format(Locale.ROOT, "%-36s %8s %8s %8s %10s%n", "case", "min s", "median s", "max s",
                "/baseline"));
        row(out, "git push to release, cold", cold, median(baseCold));
        row(out, "docker build (baseline), cold", baseCold, median(baseCold));
        row(out, "git push to release, warm", warm, median(baseWarm));
        row(out, "docker build (baseline), warm", baseWarm, median(baseWarm));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<Double> seconds, double baseline) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.append(String.format(Locale.ROOT, "%-36s %8.2f %8.2f %8.2f %9.1fx%n", name, sorted[0], median(seconds),
                sorted[sorted.length - 1], median(seconds) / baseline));
    }

    private static double median(List<Double> seconds) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
