package dev.paas.bench.drain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Log drains: lines per second through one HTTP drain (from the first line shipped to the last one
 * received) against the API's ingest rate with no drain (the baseline: a drain can only be as fast as lines
 * come in), and the latency from {@code POST /agents/{id}/logs} to the line's arrival at the drain against
 * that POST's own round trip. The receiver is the JDK's HttpServer on loopback, in this process, so that
 * both ends read the same clock. {@code bench/run-drain} starts an API and runs this against it.
 */
public final class DrainBench {
    private static final Pattern LATENCY_MARK = Pattern.compile(" - lat (\\d+)\n");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String api;
    private final String key;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong overflowLines = new AtomicLong();
    private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();

    private DrainBench(String api, String key) {
        this.api = api;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        var env = System.getenv();
        int lines = Integer.parseInt(env.getOrDefault("BENCH_LINES", "100000"));
        int samples = Integer.parseInt(env.getOrDefault("BENCH_LATENCY_SAMPLES", "200"));
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/drain.txt"));
        var bench = new DrainBench(env.getOrDefault("PAAS_API_URL", "http://127.0.0.1:5000"), env.get("PAAS_API_KEY"));
        String report = bench.run(lines, samples);
        System.out.print(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private String run(int lines, int samples) throws Exception {
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.addAndGet(Long.parseLong(exchange.getRequestHeaders().getFirst("Logplex-Msg-Count")));
            if (body.contains("Error L10")) {
                overflowLines.incrementAndGet();
            }
            var m = LATENCY_MARK.matcher(body);
            while (m.find()) {
                arrivals.put(Integer.parseInt(m.group(1)), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String suffix = Long.toHexString(System.nanoTime()).substring(0, 6);
            String agent = json(call("POST", "/agents", "{\"name\":\"bench-drain-" + suffix + "\",\"address\":"
                    + "\"127.0.0.1\",\"memory_mb\":1024}"), "id");
            String plain = json(call("POST", "/apps", "{\"name\":\"bench-nodrain-" + suffix + "\"}"), "id");
            String drained = json(call("POST", "/apps", "{\"name\":\"bench-drain-" + suffix + "\"}"), "id");
            call("POST", "/apps/bench-drain-" + suffix + "/log-drains", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/drain\"}");

            ship(agent, plain, 5_000); // warm-up
            long t0 = System.nanoTime();
            ship(agent, plain, lines);
            double ingest = lines / seconds(System.nanoTime() - t0);

            long before = received.get();
            long t1 = System.nanoTime();
            ship(agent, drained, lines);
            double shipped = lines / seconds(System.nanoTime() - t1);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (received.get() - before < lines && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long arrived = received.get() - before;
            double through = arrived / seconds(System.nanoTime() - t1);

            long[] latency = new long[samples];
            long[] roundTrip = new long[samples];
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                call("POST", "/agents/" + agent + "/logs", "{\"lines\":[" + line(drained, "lat " + i) + "]}");
                roundTrip[i] = System.nanoTime() - start;
                long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!arrivals.containsKey(i) && System.nanoTime() < wait) {
                    Thread.onSpinWait();
                }
                latency[i] = arrivals.getOrDefault(i, Long.MAX_VALUE) - start;
                Thread.sleep(10); // one line at a time, as a quiet app logs
            }
            return String.format(Locale.ROOT, """
                    # log drains, %s, %d lines in POSTs of 1000 from 4 clients, one HTTP drain on loopback
                    ingest, no drain (baseline)           %,10.0f lines/s
                    ingest, app with a drain              %,10.0f lines/s
                    through the drain (ship to arrival)   %,10.0f lines/s   (%d of %d arrived, L10 lines: %d)
                    POST /agents/{id}/logs round trip     p50 %6.1f ms  p99 %6.1f ms   (baseline, %d single lines)
                    POST to arrival at the drain          p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms
                    """, Instant.now(), lines, ingest, shipped, through, arrived, lines,
                    overflowLines.get(), ms(roundTrip, 0.5), ms(roundTrip, 0.99), samples, ms(latency, 0.5),
                    ms(latency, 0.9), ms(latency, 0.99), ms(latency, 1.0));
        } finally {
            receiver.stop(0);
        }
    }

    private void ship(String agent, String app, int lines) throws Exception {
        var pending = new ArrayList<java.util.concurrent.Future<?>>();
        try (var clients = Executors.newFixedThreadPool(4)) {
            for (int start = 0; start < lines; start += 1000) {
                int from = start;
                pending.add(clients.submit(() -> {
                    var body = new StringBuilder("{\"lines\":[");
                    for (int i = from; i < Math.min(lines, from + 1000); i++) {
                        body.append(i == from ? "" : ",").append(line(app, "bench line " + i
                                + " padding to a typical length of an app's log line"));
                    }
                    return call("POST", "/agents/" + agent + "/logs", body.append("]}").toString());
                }));
            }
            for (var f : pending) {
                f.get();
            }
        }
    }

    private static String line(String app, String text) {
        return "{\"app_id\":\"" + app + "\",\"time\":\"" + Instant.now() + "\",\"source\":\"app\",\"dyno\":\"web.1\","
                + "\"line\":\"" + text + "\"}";
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String json(String body, String field) {
        var m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
