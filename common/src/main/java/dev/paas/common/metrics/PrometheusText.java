package dev.paas.common.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes Prometheus' text exposition format (version 0.0.4), the one format every component's
 * {@code /metrics} serves. Labels are given as name, value pairs; values are escaped here, so an app
 * name or a path can never break a line. Each family's {@code # TYPE} line is written once, before
 * its first sample, as the format requires.
 */
public final class PrometheusText {
    /** The {@code Content-Type} of what {@link #toString()} returns. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final StringBuilder out = new StringBuilder(4096);
    private final Set<String> typed = new HashSet<>();

    /** Declares family {@code name} of {@code type} (counter, gauge, histogram) unless declared already. */
    public PrometheusText type(String name, String type, String help) {
        if (typed.add(name)) {
            out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
        return this;
    }

    /** One sample; {@code labels} alternate name and value. */
    public PrometheusText sample(String name, double value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + labels.length + " given");
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    /** A histogram's buckets (cumulative, with {@code le}), {@code _sum} and {@code _count} under {@code labels}. */
    public PrometheusText histogram(String name, Histogram.Snapshot h, String... labels) {
        long cumulative = 0;
        double[] bounds = h.bounds();
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += h.counts()[i];
            sample(name + "_bucket", cumulative, with(labels, "le", i < bounds.length ? number(bounds[i]) : "+Inf"));
        }
        sample(name + "_sum", h.sum(), labels);
        return sample(name + "_count", cumulative, labels);
    }

    /** The JVM's heap and non-heap memory in use and committed: every component's own footprint. */
    public PrometheusText jvm() {
        var memory = ManagementFactory.getMemoryMXBean();
        type("jvm_memory_used_bytes", "gauge", "JVM memory in use");
        jvmArea("jvm_memory_used_bytes", memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), true);
        type("jvm_memory_committed_bytes", "gauge", "JVM memory committed by the operating system");
        jvmArea("jvm_memory_committed_bytes", memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), false);
        type("jvm_threads_live", "gauge", "live JVM platform threads");
        return sample("jvm_threads_live", ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private void jvmArea(String name, MemoryUsage heap, MemoryUsage nonHeap, boolean used) {
        sample(name, used ? heap.getUsed() : heap.getCommitted(), "area", "heap");
        sample(name, used ? nonHeap.getUsed() : nonHeap.getCommitted(), "area", "nonheap");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A label value as the format quotes it: backslash, double quote and line feed escaped. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        var escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Integers without a fraction; Prometheus' words for infinities and NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
