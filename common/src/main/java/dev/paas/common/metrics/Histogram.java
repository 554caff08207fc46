package dev.paas.common.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/** A latency histogram with fixed bucket bounds (seconds), safe to observe from many threads at once. */
public final class Histogram {
    /** From a millisecond to half a minute: the router's and the API's request durations. */
    public static final double[] LATENCY_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder sumMicros = new LongAdder();

    public Histogram(double[] bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must rise: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observeMicros(long micros) {
        double seconds = micros / 1_000_000.0;
        int bucket = 0;
        while (bucket < bounds.length && seconds > bounds[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sumMicros.add(micros);
    }

    public Snapshot snapshot() {
        long[] now = new long[counts.length];
        for (int i = 0; i < now.length; i++) {
            now[i] = counts[i].sum();
        }
        return new Snapshot(bounds.clone(), now, sumMicros.sum() / 1_000_000.0);
    }

    /** Per-bucket (not cumulative) counts; the last is above every bound. */
    public record Snapshot(double[] bounds, long[] counts, double sum) {
    }
}
