package dev.paas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
    private static final Pattern WRITES = Pattern.compile("wrk-writes sent=(\\d+) ok=(\\d+) failed=(\\d+) "
            + "window_us=(\\d+)");
    /**
     * The PATCH rows: each request a new value (run nonce and a counter), so that every PATCH appends a
     * release; the path round-robins over BENCH_PATHS. The ledger checks compare releases added with 2xx
     * answers, so no PATCH may be left in flight when wrk stops (the API would still commit it): after
     * BENCH_SECONDS, delay() holds each connection back for good, and wrk's -d leaves a grace period for the
     * last answers. sent - ok - failed is what was still unanswered when wrk stopped. The rate is ok over the
     * window from the first request to the last answer (LuaJIT's ffi reads the monotonic clock).
     */
    private static final String WRITE_SCRIPT = """
            local ffi = require("ffi")
            ffi.cdef[[
              typedef struct { long tv_sec; long tv_nsec; } paas_timespec;
              int clock_gettime(int clock, paas_timespec *ts);
            ]]
            local ts = ffi.new("paas_timespec")
            local function now_us()
              ffi.C.clock_gettime(1, ts)
              return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
            end
            local authorization = os.getenv("BENCH_AUTHORIZATION")
            if authorization and authorization ~= "" then
              wrk.headers["Authorization"] = authorization
            end
            wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT")
            wrk.headers["Content-Type"] = "application/json"
            wrk.method = "PATCH"
            local paths = {}
            for path in string.gmatch(os.getenv("BENCH_PATHS"), "%S+") do
              paths[#paths + 1] = path
            end
            local run = os.getenv("BENCH_RUN")
            local clients = tonumber(os.getenv("BENCH_CLIENTS"))
            local window_us = tonumber(os.getenv("BENCH_SECONDS")) * 1000000
            -- Counted where delay() lets a request go: wrk also calls request() once before the run, to check it.
            sent, ok, failed, first_us, last_us = 0, 0, 0, 0, 0
            local threads = {}
            setup = function(thread)
              threads[#threads + 1] = thread
            end
            delay = function()
              local now = now_us()
              if first_us == 0 then
                first_us = now
              end
              if now - first_us >= window_us then
                return 3600000
              end
              sent = sent + 1
              return 0
            end
            local made = 0
            request = function()
              local n = made
              made = made + 1
              local body = string.format('{"BENCH_CLIENT_%d":"%s-%d"}', n % clients, run, n)
              return wrk.format(nil, paths[n % #paths + 1], nil, body)
            end
            response = function(status, headers, body)
              last_us = now_us()
              if status >= 200 and status < 300 then
                ok = ok + 1
              else
                failed = failed + 1
              end
            end
            done = function(summary, latency, requests)
              local s, o, f, w = 0, 0, 0, 0
              for _, thread in ipairs(threads) do
                s = s + thread:get("sent")
                o = o + thread:get("ok")
                f = f + thread:get("failed")
                w = math.max(w, thread:get("last_us") - thread:get("first_us"))
              end
              local e = summary.errors
              io.write(string.format("wrk-result requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d "
                .. "status_errors=%d other_errors=%d\\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), latency.max, e.status,
                e.connect + e.read + e.write + e.timeout))
              io.write(string.format("wrk-writes sent=%d ok=%d failed=%d window_us=%d\\n", s, o, f, w))
            end
            """;
    /** The grace after the sending window for the last answers (see {@link #WRITE_SCRIPT}). */
    private static final Duration WRITE_GRACE = Duration.ofSeconds(3);
    private final Path wrk;
    private final String accept;

    WrkLoad(Path wrk, String accept) {
        this.wrk = wrk;
        this.accept = accept;
    }

    /** {@code authorization}: the header's value, or null to send none. */
    Measurement run(String name, int clients, Duration duration, URI uri, String authorization)
            throws InterruptedException {
        String output = wrk(name, SCRIPT, clients, duration, uri, Map.of("BENCH_AUTHORIZATION",
                authorization == null ? "" : authorization, "BENCH_ACCEPT", accept));
        return parse(name, clients, output);
    }

    /**
     * PATCHes of {@code {"BENCH_CLIENT_<n mod clients>": "<run>-<n>"}}, the n-th to {@code paths[n mod size]}
     * on {@code base}; {@code run} must differ between runs on the same apps, so that each value is new.
     */
    Measurement patch(String name, int clients, Duration duration, URI base, List<String> paths, String run,
                      String authorization) throws InterruptedException {
        var env = new HashMap<String, String>();
        env.putAll(Map.of("BENCH_AUTHORIZATION", authorization, "BENCH_ACCEPT", accept, "BENCH_RUN", run,
                "BENCH_PATHS", String.join(" ", paths), "BENCH_CLIENTS", Integer.toString(clients),
                "BENCH_SECONDS", Long.toString(duration.toSeconds())));
        String output = wrk(name, WRITE_SCRIPT, clients, duration.plus(WRITE_GRACE), base.resolve(paths.getFirst()),
                env);
        return parseWrites(name, clients, output);
    }

    private String wrk(String name, String lua, int clients, Duration duration, URI uri, Map<String, String> env)
            throws InterruptedException {
        Path script = null;
        try {
            script = Files.createTempFile("paas-bench-wrk", ".lua");
            Files.writeString(script, lua);
            var command = List.of(wrk.toString(), "-t1", "-c" + clients, "-d" + duration.toSeconds() + "s",
                    "--timeout", LoadGenerator.REQUEST_TIMEOUT.toSeconds() + "s", "-s", script.toString(),
                    uri.toString());
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + ": wrk did not finish");
            }
            return new String(output, StandardCharsets.UTF_8);
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

    /**
     * The PATCH rows' measurement: ok = 2xx answers, errors = other answers, socket errors and PATCHes still
     * unanswered when wrk stopped (each of which the API may have committed anyway).
     */
    static Measurement parseWrites(String name, int clients, String output) {
        Matcher result = RESULT.matcher(output);
        Matcher writes = WRITES.matcher(output);
        if (!result.find() || !writes.find()) {
            throw new IllegalStateException(name + ": wrk printed no result: " + output.strip());
        }
        long sent = Long.parseLong(writes.group(1));
        long ok = Long.parseLong(writes.group(2));
        long failed = Long.parseLong(writes.group(3));
        long unanswered = sent - ok - failed;
        long socketErrors = Long.parseLong(result.group(7));
        long errors = failed + unanswered + socketErrors;
        var latency = new Percentiles(micros(result.group(3)), micros(result.group(4)), micros(result.group(5)));
        String firstError = errors == 0 ? null : failed + " answers were not 2xx, " + unanswered
                + " PATCHes unanswered when wrk stopped, " + socketErrors + " connect/read/write/timeout errors";
        return new Measurement(name, clients, ok, errors, micros(writes.group(4)), latency, false, firstError);
    }

    private static long micros(String value) {
        return TimeUnit.MICROSECONDS.toNanos(Long.parseLong(value));
    }
}
