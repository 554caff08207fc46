package dev.paas.router.http;

import dev.paas.common.metrics.Histogram;
import dev.paas.common.metrics.PrometheusText;
import dev.paas.common.metrics.StatusCounts;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** One app's requests: by status class, by Heroku error code (H12, H14, ...), and how long they took. */
final class AppCounters {
    /** Only the router's own codes become label values: at most a few dozen, whatever the traffic. */
    private static final Pattern CODE = Pattern.compile("H\\d{2}");
    private final StatusCounts statuses = new StatusCounts();
    private final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(Histogram.LATENCY_SECONDS);

    void request(int status, long micros, String errorCode) {
        statuses.count(status);
        latency.observeMicros(micros);
        if (errorCode != null && CODE.matcher(errorCode).matches()) {
            codes.computeIfAbsent(errorCode, c -> new LongAdder()).increment();
        }
    }

    /*
     * One family at a time across all apps (the caller loops): the text format wants each family's
     * samples together.
     */
    void writeRequests(PrometheusText out, String app) {
        statuses.write(out, "router_app_requests_total", "requests to each app by status class",
                "app", app, "process_type", "web");
    }

    void writeErrors(PrometheusText out, String app) {
        out.type("router_app_errors_total", "counter", "requests to each app that ended in a router error code");
        new TreeMap<>(codes).forEach((code, n) ->
                out.sample("router_app_errors_total", n.sum(), "app", app, "process_type", "web", "code", code));
    }

    void writeLatency(PrometheusText out, String app) {
        out.type("router_app_request_duration_seconds", "histogram", "time from request to the response's end");
        out.histogram("router_app_request_duration_seconds", latency.snapshot(), "app", app, "process_type", "web");
    }
}
