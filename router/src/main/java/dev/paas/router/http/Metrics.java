package dev.paas.router.http;

import dev.paas.common.metrics.Histogram;
import dev.paas.common.metrics.PrometheusText;
import dev.paas.router.route.AppRoute;
import dev.paas.router.route.RouteTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counters for operators, in the Prometheus text format: requests, statuses, error codes, latency,
 * for the whole router and per app ({@code app} label; requests that reached no app count under
 * {@code app="unknown"}).
 */
public final class Metrics {
    /** The label of requests that matched no app: one series however many hosts are tried. */
    public static final String UNKNOWN_APP = "unknown";
    private final LongAdder requests = new LongAdder();
    private final LongAdder[] statuses = new LongAdder[600];
    private final Histogram latency = new Histogram(Histogram.LATENCY_SECONDS);
    private final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AppSeries<AppCounters> apps = new AppSeries<>(AppCounters::new);
    private final AtomicInteger connections = new AtomicInteger();
    // Counted up and down by every event loop on every request: a LongAdder's cells spare them fighting over one line.
    private final LongAdder inFlight = new LongAdder();

    public Metrics() {
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = new LongAdder();
        }
    }

    /** {@code appId}: the app the request was routed to, null when it reached none. */
    public void request(UUID appId, int status, long micros, long responseBytes, String errorCode) {
        requests.increment();
        statuses[status >= 100 && status < 600 ? status : 0].increment();
        latency.observeMicros(micros);
        bytes.add(responseBytes);
        if (errorCode != null) {
            errors.computeIfAbsent(errorCode, k -> new LongAdder()).increment();
        }
        apps.of(appId).request(status, micros, errorCode);
    }

    public AtomicInteger connections() {
        return connections;
    }

    public LongAdder inFlight() {
        return inFlight;
    }

    public long requests() {
        return requests.sum();
    }

    /** Everything, with per-app series named as {@code table} names them; apps not in it are dropped. */
    public String prometheus(RouteTable table) {
        var out = new PrometheusText();
        out.type("router_requests_total", "counter", "requests").sample("router_requests_total", requests.sum());
        out.type("router_responses_total", "counter", "responses by status");
        for (int s = 0; s < statuses.length; s++) {
            long n = statuses[s].sum();
            if (n > 0) {
                out.sample("router_responses_total", n, "status", String.valueOf(s));
            }
        }
        out.type("router_errors_total", "counter", "requests by error code");
        new TreeMap<>(errors).forEach((code, n) -> out.sample("router_errors_total", n.sum(), "code", code));
        out.type("router_request_duration_seconds", "histogram", "time from request to the response's end");
        out.histogram("router_request_duration_seconds", latency.snapshot());
        out.type("router_response_bytes_total", "counter", "response bytes").sample("router_response_bytes_total",
                bytes.sum());
        out.type("router_connections", "gauge", "open client connections").sample("router_connections",
                connections.get());
        out.type("router_requests_in_flight", "gauge", "requests being answered").sample("router_requests_in_flight",
                inFlight.sum());
        var named = named(table);
        family(out, named, AppCounters::writeRequests);
        family(out, named, AppCounters::writeErrors);
        family(out, named, AppCounters::writeLatency);
        return out.jvm().toString();
    }

    /** The apps with counters that are still in the table, by name, then the unknown set. */
    private List<Map.Entry<String, AppCounters>> named(RouteTable table) {
        var live = table.apps().stream().collect(Collectors.toMap(AppRoute::appId, AppRoute::app, (a, b) -> a));
        var named = new ArrayList<Map.Entry<String, AppCounters>>();
        for (UUID id : apps.retain(live.keySet())) {
            named.add(Map.entry(live.get(id), apps.of(id)));
        }
        named.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        named.add(Map.entry(UNKNOWN_APP, apps.unknown()));
        return named;
    }

    private static void family(PrometheusText out, List<Map.Entry<String, AppCounters>> named,
                               WriteFamily write) {
        named.forEach(e -> write.to(e.getValue(), out, e.getKey()));
    }

    @FunctionalInterface
    private interface WriteFamily {
        void to(AppCounters counters, PrometheusText out, String app);
    }
}
