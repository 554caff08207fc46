package dev.paas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a GET with wrk instead of the JVM client: N keep-alive HTTP/1.1 connections on one thread, each
 * sending its next request as soon as the last is answered (closed loop, as {@link LoadGenerator}).
 * The API, Postgres and the client share two cores, and the JVM client spent more CPU per request than
 * a cached GET costs the API: the measurement ate the cores it measured. wrk's event loop costs a
 * fraction of that. The token travels in the environment, not on the command line.
 */
final class WrkLoad {
    private static final Pattern RESULT = Pattern.compile("wrk-result requests=(\\d+) duration_us=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) status_errors=(\\d+) other_errors=(\\d+)");
    private static final String SCRIPT = """
            local authorization = os.getenv("BENCH_AUTHORIZATION")
            if authorization and authorization ~= "" then
              wrk.headers["Authorization"] = authorization
            end
            wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT")
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("wrk-result requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d "
                .. "status_errors=%d other_errors=%d\\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), latency.max, e.status,
                e.connect + e.read + e.write + e.timeout))
            end
            """;
    private final Path wrk;
    private final String accept;

    WrkLoad(Path wrk, String accept) {
        this.wrk = wrk;
        this.accept = accept;
    }

    /** {@code authorization}: the header's value, or null to send none. */
    Measurement run(String name, int clients, Duration duration, URI uri, String authorization)
            throws InterruptedException {
        Path script = null;
        try {
            script = Files.createTempFile("paas-bench-wrk", ".lua");
            Files.writeString(script, SCRIPT);
            var command = List.of(wrk.toString(), "-t1", "-c" + clients, "-d" + duration.toSeconds() + "s",
                    "--timeout", LoadGenerator.REQUEST_TIMEOUT.toSeconds() + "s", "-s", script.toString(),
                    uri.toString());
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(Map.of("BENCH_AUTHORIZATION", authorization == null ? "" : authorization,
                    "BENCH_ACCEPT", accept));
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + ": wrk did not finish");
            }
            return parse(name, clients, new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + wrk + ": " + e.getMessage(), e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** The measurement in wrk's output (the line the script's {@code done} prints). */
    static Measurement parse(String name, int clients, String output) {
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(name + ": wrk printed no result: " + output.strip());
        }
        long requests = Long.parseLong(m.group(1));
        long statusErrors = Long.parseLong(m.group(6));
        long otherErrors = Long.parseLong(m.group(7));
        var latency = new Percentiles(micros(m.group(3)), micros(m.group(4)), micros(m.group(5)));
        String firstError = statusErrors + otherErrors == 0 ? null
                : statusErrors + " responses were not 2xx/3xx, " + otherErrors + " connect/read/write/timeout errors";
        return new Measurement(name, clients, requests - statusErrors, statusErrors + otherErrors,
                TimeUnit.MICROSECONDS.toNanos(Long.parseLong(m.group(2))), latency, false, firstError);
    }

    private static long micros(String value) {
        return TimeUnit.MICROSECONDS.toNanos(Long.parseLong(value));
    }
}
