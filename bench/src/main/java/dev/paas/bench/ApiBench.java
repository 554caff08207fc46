package dev.paas.bench;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The API benchmark: config:set throughput (releases per second) and GET /apps/{app} latency at
 * 1, 16 and 64 concurrent clients, against GET /healthz as the baseline, on a running platform-api.
 * {@code bench/run-api} starts one on a fresh database and runs this against it.
 */
public final class ApiBench {
    private static final int WARM_UP_CLIENTS = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final int WARM_UP_REQUESTS = 2_000;
    /**
     * After the first warm-up, rounds of every measured request at the top client count, each this long, until the
     * API's JIT compilers spent under {@link #SETTLED} of a round's time (or {@link #MAX_SETTLE_ROUNDS} rounds):
     * the rows then measure the API as it runs for hours, not its compiler.
     */
    private static final Duration SETTLE_ROUND = Duration.ofSeconds(2);
    private static final double SETTLED = 0.05;
    private static final int MAX_SETTLE_ROUNDS = 12;
    private static final int READ_APP_RELEASES = 10;
    /** config:set across this many apps: one app's ledger takes turns by design, different apps need not. */
    static final int WRITE_APPS = 16;

    private final BenchConfig config;
    private final PlatformClient api;
    private final LoadGenerator load;
    /** Runs the measured rows when there is a wrk (see {@link WrkLoad} for why); empty: the JVM client runs them. */
    private final Optional<WrkLoad> wrkLoad;
    private final CpuMeter cpu;
    private final PrintStream progress;
    private final String readApp;
    private final String writeApp;
    private final List<String> writeApps;
    /**
     * Every PATCH sets a value never sent before, so each is a real change and appends a release (a PATCH
     * that changes nothing appends none, which the ledger checks would count as missing).
     */
    private final AtomicLong values = new AtomicLong();

    private ApiBench(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.api = new PlatformClient(config.apiUrl(), config.apiKey());
        // HTTP/1.1 as the CLI and the router speak it; one connection per client, kept alive.
        this.load = new LoadGenerator(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
        this.wrkLoad = config.wrk().map(wrk -> new WrkLoad(wrk, PlatformClient.ACCEPT));
        this.cpu = new CpuMeter(Path.of("/proc"), config.apiPid(), config.database().orElse(null));
        this.progress = progress;
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        this.readApp = "bench-read-" + suffix;
        this.writeApp = "bench-write-" + suffix;
        this.writeApps = IntStream.range(0, WRITE_APPS).mapToObj(n -> "bench-w" + n + "-" + suffix)
                .toList();
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /**
     * 0 when every check passed, 1 when one failed, 78 on bad configuration. Public for the platform
     * benchmark, which runs this as part of its load.
     */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        BenchConfig config;
        try {
            config = BenchConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return 78;
        }
        try {
            return new ApiBench(config, err).run(out);
        } catch (ApiException | IllegalStateException | UncheckedIOException e) {
            err.println("FAIL: " + e.getMessage());
            return 1;
        }
    }

    private int run(PrintStream out) throws InterruptedException {
        Wire.Account account = api.account();
        progress.println("==> benchmarking " + config.apiUrl() + " as " + account.email() + ", "
                + config.measurement().toSeconds() + " s per run");
        api.createApp(readApp);
        api.createApp(writeApp);
        writeApps.forEach(api::createApp);
        boolean passed = true;
        try {
            for (int i = 1; i < READ_APP_RELEASES; i++) {
                api.updateConfigVars(readApp, Map.of("SEED", Integer.toString(i)));
            }
            var report = new Report(config, account.email(), releaseCount(readApp));
            report.clients(wrkLoad.isPresent()
                    ? "every row: wrk (" + config.wrk().orElseThrow() + ", 1 thread, one keep-alive connection per "
                            + "client; PATCH: a Lua script, a new value per request)"
                    : "every row: the JVM client (java.net.http, one thread per client); no wrk found (BENCH_WRK)");
            report.line("api jvm:   " + Optional.ofNullable(System.getenv("BENCH_API_JAVA_OPTS")).map(String::strip)
                    .filter(o -> !o.isEmpty()).orElse("the JDK's defaults"));
            report.line(warmUp());
            for (int clients : config.concurrency()) {
                int before = releaseCount(writeApp);
                var cpuBefore = cpu.sample();
                Measurement configSet = measurePatch(Report.CONFIG_SET, clients, List.of(writeApp), this::configSet);
                var used = cpuSince(cpuBefore);
                int after = releaseCount(writeApp);
                boolean exact = after - before == configSet.ok();
                passed &= exact && configSet.errors() == 0;
                report.check(String.format(Locale.ROOT, "%s ledger at %d client%s: %d releases added for %d "
                                + "successful PATCHes (v%d to v%d, gapless)", exact ? "OK  " : "FAIL", clients,
                        clients == 1 ? "" : "s", after - before, configSet.ok(), before, after));
                report.add(configSet, used);
                if (clients >= WRITE_APPS) {
                    int beforeAll = totalReleases();
                    var spreadBefore = cpu.sample();
                    Measurement spread = measurePatch(Report.CONFIG_SET_APPS, clients, writeApps,
                            this::configSetSpread);
                    var spreadUsed = cpuSince(spreadBefore);
                    int added = totalReleases() - beforeAll;
                    boolean all = added == spread.ok();
                    passed &= all && spread.errors() == 0;
                    report.check(String.format(Locale.ROOT, "%s ledgers of %d apps at %d clients: %d releases added "
                            + "for %d successful PATCHes (each gapless)", all ? "OK  " : "FAIL", WRITE_APPS, clients,
                            added, spread.ok()));
                    report.add(spread, spreadUsed);
                }
                for (var get : List.<Map.Entry<String, LoadGenerator.RequestFactory>>of(
                        Map.entry(Report.SHOW_APP, this::showApp), Map.entry(Report.HEALTH, this::health))) {
                    var getBefore = cpu.sample();
                    Measurement m = measureGet(get.getKey(), clients, get.getValue());
                    passed &= m.errors() == 0;
                    report.add(m, cpuSince(getBefore));
                }
            }
            String text = report.text() + (passed ? "" : "FAIL: see the FAIL lines and error counts above\n");
            out.print(text);
            write(text);
        } finally {
            api.destroyApp(readApp);
            api.destroyApp(writeApp);
            writeApps.forEach(api::destroyApp);
        }
        return passed ? 0 : 1;
    }

    /** What the warm-up did, for the report: its rounds and the compilers' share of the last one's time. */
    private String warmUp() throws InterruptedException {
        Duration time = config.measurement().compareTo(WARM_UP) < 0 ? config.measurement() : WARM_UP;
        progress.println("==> warming up: " + WARM_UP_CLIENTS + " clients, " + time.toSeconds() + " s per request");
        for (var request : List.<LoadGenerator.RequestFactory>of(this::configSet, this::showApp, this::health)) {
            load.run("warm-up", WARM_UP_CLIENTS, time, WARM_UP_REQUESTS, request);
        }
        if (cpu.compilerTicks().isEmpty() || wrkLoad.isEmpty()) {
            return "warm-up:   " + WARM_UP_CLIENTS + " clients, " + time.toSeconds() + " s per request (no wait for "
                    + "the JIT: " + (wrkLoad.isEmpty() ? "no wrk" : "no API pid") + ")";
        }
        int clients = config.concurrency().stream().max(Integer::compare).orElseThrow();
        double share = 1;
        int round = 0;
        while (share >= SETTLED && round < MAX_SETTLE_ROUNDS) {
            round++;
            long before = cpu.compilerTicks().orElse(0);
            long start = System.nanoTime();
            for (var rows : List.of(writeApps, List.of(writeApp))) {
                String run = "w" + values.incrementAndGet(); // a new prefix: every PATCH a real change
                wrkLoad.get().patch("warm-up", clients, SETTLE_ROUND, config.apiUrl(),
                        rows.stream().map(app -> "/apps/" + app + "/config-vars").toList(), run,
                        "Bearer " + config.apiKey());
            }
            HttpRequest show = showApp(0, 0);
            wrkLoad.get().run("warm-up", clients, SETTLE_ROUND, show.uri(),
                    show.headers().firstValue("Authorization").orElse(null));
            share = CpuMeter.micros(cpu.compilerTicks().orElse(0) - before) / ((System.nanoTime() - start) / 1e3);
            progress.printf(Locale.ROOT, "==> warm-up round %d at %d clients: the JIT compilers used %.1f%% of it%n",
                    round, clients, 100 * share);
        }
        return String.format(Locale.ROOT, "warm-up:   %d clients, %d s per request, then %d round%s of every "
                        + "request at %d clients (%d s each) until the API's JIT compilers used under %.0f%% of a "
                        + "round: %.1f%% in the last", WARM_UP_CLIENTS, time.toSeconds(), round, round == 1 ? "" : "s",
                clients, SETTLE_ROUND.toSeconds() * 3, 100 * SETTLED, 100 * share);
    }

    /** A GET row: by wrk when there is one (the URI and Authorization of {@code requests}), else by the JVM client. */
    private Measurement measureGet(String name, int clients, LoadGenerator.RequestFactory requests)
            throws InterruptedException {
        if (wrkLoad.isEmpty()) {
            return measure(name, clients, requests);
        }
        HttpRequest sample = requests.request(0, 0);
        return progress(wrkLoad.get().run(name, clients, config.measurement(), sample.uri(),
                sample.headers().firstValue("Authorization").orElse(null)));
    }

    /** A PATCH row over {@code apps} (round-robin): by wrk when there is one, else by the JVM client. */
    private Measurement measurePatch(String name, int clients, List<String> apps,
                                     LoadGenerator.RequestFactory requests) throws InterruptedException {
        if (wrkLoad.isEmpty()) {
            return measure(name, clients, requests);
        }
        // A new prefix per run: a value an app already holds would append no release.
        String run = "r" + values.incrementAndGet();
        return progress(wrkLoad.get().patch(name, clients, config.measurement(), config.apiUrl(),
                apps.stream().map(app -> "/apps/" + app + "/config-vars").toList(), run,
                "Bearer " + config.apiKey()));
    }

    private Optional<CpuUse> cpuSince(CpuMeter.Sample before) {
        return cpu.enabled() ? Optional.of(CpuMeter.between(before, cpu.sample())) : Optional.empty();
    }

    private Measurement measure(String name, int clients, LoadGenerator.RequestFactory requests)
            throws InterruptedException {
        return progress(load.run(name, clients, config.measurement(), LoadGenerator.MAX_REQUESTS, requests));
    }

    private Measurement progress(Measurement m) {
        String name = m.request();
        int clients = m.clients();
        progress.printf(Locale.ROOT, "==> %2d clients  %-30s %8.1f/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                clients, name, m.perSecond(), m.latency().p50() / 1e6, m.latency().p99() / 1e6, m.errors());
        if (m.firstError() != null) {
            progress.println("    first error: " + m.firstError());
        }
        return m;
    }

    private HttpRequest configSet(int client, int n) {
        String body = "{\"BENCH_CLIENT_" + client + "\":\"" + values.incrementAndGet() + "\"}";
        return authorized(uri("/apps/" + writeApp + "/config-vars"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").build();
    }

    private HttpRequest configSetSpread(int client, int n) {
        String body = "{\"BENCH_CLIENT_" + client + "\":\"" + values.incrementAndGet() + "\"}";
        return authorized(uri("/apps/" + writeApps.get(client % WRITE_APPS) + "/config-vars"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").build();
    }

    private int totalReleases() {
        return writeApps.stream().mapToInt(this::releaseCount).sum();
    }

    private HttpRequest showApp(int client, int n) {
        return authorized(uri("/apps/" + readApp)).GET().build();
    }

    private HttpRequest health(int client, int n) {
        return HttpRequest.newBuilder(uri("/healthz")).timeout(LoadGenerator.REQUEST_TIMEOUT).GET().build();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(LoadGenerator.REQUEST_TIMEOUT)
                .header("Accept", PlatformClient.ACCEPT)
                .header("Authorization", "Bearer " + config.apiKey());
    }

    private URI uri(String path) {
        return URI.create(config.apiUrl() + path);
    }

    /** Counts the releases the API lists, and checks that they are v1..vN without a gap. */
    private int releaseCount(String app) {
        List<Wire.Release> releases = api.releases(app, Integer.MAX_VALUE);
        int newest = releases.isEmpty() ? 0 : releases.getFirst().version();
        if (newest != releases.size()) {
            throw new IllegalStateException(app + " lists " + releases.size() + " releases but its newest is v"
                    + newest + ": the ledger has a gap");
        }
        return newest;
    }

    private void write(String text) {
        try {
            if (config.out().getParent() != null) {
                Files.createDirectories(config.out().getParent());
            }
            Files.writeString(config.out(), text);
            progress.println("==> written to " + config.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config.out() + ": " + e.getMessage(), e);
        }
    }
}
