package dev.paas.router.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters for operators, in the Prometheus text format: requests, statuses, error codes, latency. */
public final class Metrics {
    private static final long[] BUCKETS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000};
    private final LongAdder requests = new LongAdder();
    private final LongAdder[] statuses = new LongAdder[600];
    private final LongAdder[] latency = new LongAdder[BUCKETS_MS.length + 1];
    private final LongAdder latencySumMicros = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Metrics() {
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = new LongAdder();
        }
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LongAdder();
        }
    }

    public void request(int status, long micros, long responseBytes, String errorCode) {
        requests.increment();
        statuses[status >= 100 && status < 600 ? status : 0].increment();
        long ms = micros / 1000;
        int bucket = 0;
        while (bucket < BUCKETS_MS.length && ms > BUCKETS_MS[bucket]) {
            bucket++;
        }
        latency[bucket].increment();
        latencySumMicros.add(micros);
        bytes.add(responseBytes);
        if (errorCode != null) {
            errors.computeIfAbsent(errorCode, k -> new LongAdder()).increment();
        }
    }

    public AtomicInteger connections() {
        return connections;
    }

    public AtomicInteger inFlight() {
        return inFlight;
    }

    public long requests() {
        return requests.sum();
    }

    public String prometheus() {
        var out = new StringBuilder(4096);
        out.append("# TYPE router_requests_total counter\nrouter_requests_total ").append(requests.sum()).append('\n');
        out.append("# TYPE router_responses_total counter\n");
        for (int s = 0; s < statuses.length; s++) {
            long n = statuses[s].sum();
            if (n > 0) {
                out.append("router_responses_total{status=\"").append(s).append("\"} ").append(n).append('\n');
            }
        }
        out.append("# TYPE router_errors_total counter\n");
        new TreeMap<>(errors).forEach((code, n) ->
                out.append("router_errors_total{code=\"").append(code).append("\"} ").append(n.sum()).append('\n'));
        out.append("# TYPE router_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < latency.length; i++) {
            cumulative += latency[i].sum();
            String le = i < BUCKETS_MS.length ? String.valueOf(BUCKETS_MS[i] / 1000.0) : "+Inf";
            out.append("router_request_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative)
                    .append('\n');
        }
        out.append("router_request_duration_seconds_sum ").append(latencySumMicros.sum() / 1_000_000.0).append('\n');
        out.append("router_request_duration_seconds_count ").append(cumulative).append('\n');
        out.append("# TYPE router_response_bytes_total counter\nrouter_response_bytes_total ").append(bytes.sum())
                .append('\n');
        out.append("# TYPE router_connections gauge\nrouter_connections ").append(connections.get()).append('\n');
        out.append("# TYPE router_requests_in_flight gauge\nrouter_requests_in_flight ").append(inFlight.get())
                .append('\n');
        return out.toString();
    }
}
