package dev.paas.bench;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the API benchmark runs against and for how long, read from the environment in one place.
 *
 * @param apiUrl       {@code PAAS_API_URL}: a platform-api on this machine (loopback only: the benchmark
 *                     creates apps and thousands of releases, so it belongs on a throwaway platform)
 * @param apiKey       {@code PAAS_API_KEY}: a token of the user the benchmark acts as
 * @param measurement  {@code BENCH_SECONDS}: how long each measurement runs (default 10)
 * @param out          {@code BENCH_OUT}: where the report is written (default bench/results/api.txt)
 * @param concurrency  {@code BENCH_CLIENTS}: the numbers of concurrent clients, each measured in turn, comma-separated
 *                     (default 1,16,64; 64 alone for an A/B of the loaded rows)
 * @param wrk          {@code BENCH_WRK}: the wrk that runs the GET rows (see {@link WrkLoad}); default the
 *                     {@code wrk} on {@code PATH}; {@code none} (or no wrk found) runs every row with the JVM client
 * @param apiPid       {@code BENCH_API_PID}: the API's process, whose CPU time per request the report shows
 *                     (bench/run-api sets it); empty: no API CPU column
 * @param database     {@code BENCH_DATABASE}: the API's database, whose Postgres backends' CPU time per request
 *                     the report shows (bench/run-api sets it); empty: no Postgres CPU column
 */
record BenchConfig(URI apiUrl, String apiKey, Duration measurement, Path out, List<Integer> concurrency,
                   Optional<Path> wrk, OptionalLong apiPid, Optional<String> database) {
    static final List<Integer> CONCURRENCY = List.of(1, 16, 64);

    static BenchConfig fromEnv(Map<String, String> env) {
        URI url = apiUrl(required(env, "PAAS_API_URL"));
        String key = required(env, "PAAS_API_KEY");
        int seconds = seconds(env.getOrDefault("BENCH_SECONDS", "10"));
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/api.txt").trim());
        return new BenchConfig(url, key, Duration.ofSeconds(seconds), out, clients(env.get("BENCH_CLIENTS")),
                wrk(env.get("BENCH_WRK"), env.getOrDefault("PATH", "")), pid(env.get("BENCH_API_PID")),
                Optional.ofNullable(env.get("BENCH_DATABASE")).map(String::trim).filter(d -> !d.isEmpty()));
    }

    static List<Integer> clients(String value) {
        if (value == null || value.isBlank()) {
            return CONCURRENCY;
        }
        try {
            var counts = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
            if (!counts.isEmpty() && counts.stream().allMatch(c -> c >= 1 && c <= 1024)) {
                return counts;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("BENCH_CLIENTS must be client counts from 1 to 1024, comma-separated "
                + "(such as 1,16,64), got: " + value);
    }

    private static OptionalLong pid(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(value.trim());
            if (pid > 0) {
                return OptionalLong.of(pid);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("BENCH_API_PID must be the API's process id (a positive number), got: "
                + value);
    }

    static Optional<Path> wrk(String given, String path) {
        if (given != null && !given.isBlank()) {
            if (given.trim().equals("none")) {
                return Optional.empty();
            }
            Path wrk = Path.of(given.trim());
            if (!Files.isExecutable(wrk)) {
                throw new IllegalArgumentException("BENCH_WRK must be the path of an executable wrk, or none, got: "
                        + given);
            }
            return Optional.of(wrk);
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "wrk")).filter(Files::isExecutable).findFirst();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (bench/run-api sets it; see its header)");
        }
        return value.trim();
    }

    private static URI apiUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PAAS_API_URL must be an http URL, got: " + value, e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("PAAS_API_URL must be an http URL such as http://127.0.0.1:5055, got: "
                    + value);
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("PAAS_API_URL must point at this machine (loopback), got: " + value);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PAAS_API_URL names an unknown host: " + value, e);
        }
        return uri;
    }

    private static int seconds(String value) {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 1 && seconds <= 600) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("BENCH_SECONDS must be a whole number from 1 to 600, got: " + value);
    }
}
