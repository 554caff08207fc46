package dev.paas.bench;

/**
 * What one run of one request from {@code clients} concurrent clients gave. Latencies are of the
 * successful requests only; {@code capped} is true when the run stopped at its request cap, not its time.
 */
record Measurement(String request, int clients, long ok, long errors, long elapsedNanos, Percentiles latency,
                   boolean capped, String firstError) {

    double perSecond() {
        return elapsedNanos == 0 ? 0 : ok * 1e9 / elapsedNanos;
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }
}
