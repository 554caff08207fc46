package dev.paas.common.metrics;

/**
 * What a component's HTTP server counts of its own requests: responses by status class and how long
 * they took, under {@code <component>_http_...} names, with the JVM's memory.
 */
public final class RequestMetrics {
    private final String component;
    private final StatusCounts statuses = new StatusCounts();
    private final Histogram latency = new Histogram(Histogram.LATENCY_SECONDS);

    /** {@code component}: the metric names' prefix, such as {@code api} or {@code builder}. */
    public RequestMetrics(String component) {
        if (!component.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a metric name prefix is lower case letters, digits and _: " + component);
        }
        this.component = component;
    }

    public void request(int status, long micros) {
        statuses.count(status);
        latency.observeMicros(micros);
    }

    /** The whole {@code /metrics} body. */
    public String prometheus() {
        var out = new PrometheusText();
        statuses.write(out, component + "_http_requests_total", "requests answered, by status class");
        out.type(component + "_http_request_duration_seconds", "histogram", "time to answer a request");
        out.histogram(component + "_http_request_duration_seconds", latency.snapshot());
        return out.jvm().toString();
    }
}
