package dev.paas.bench.backup;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the backup benchmark runs against, read from the environment in one place.
 *
 * @param apiUrl  {@code PAAS_API_URL}: a throwaway platform-api on this machine (loopback only)
 * @param apiKey  {@code PAAS_API_KEY}: an admin token
 * @param agent   {@code BENCH_AGENT_NAME}: the agent running the add-ons (their containers carry its name)
 * @param docker  {@code BENCH_DOCKER}: the docker client for the baseline and the data (default /usr/bin/docker)
 * @param rows    {@code BENCH_ROWS}: rows of the generated table (default 400000, about 100 MB on disk)
 * @param out     {@code BENCH_OUT}: the report (default bench/results/backups.txt)
 */
record BackupBenchConfig(URI apiUrl, String apiKey, String agent, String docker, int rows, Path out) {

    static BackupBenchConfig fromEnv(Map<String, String> env) {
        URI url = URI.create(required(env, "PAAS_API_URL").replaceAll("/+$", ""));
        try {
            if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("PAAS_API_URL must point at this machine (loopback), got: " + url);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PAAS_API_URL names an unknown host: " + url, e);
        }
        String rows = env.getOrDefault("BENCH_ROWS", "400000").trim();
        if (!rows.matches("\\d{1,8}") || Integer.parseInt(rows) < 1) {
            throw new IllegalArgumentException("BENCH_ROWS must be a whole number from 1 to 99999999, got '" + rows + "'");
        }
        return new BackupBenchConfig(url, required(env, "PAAS_API_KEY"), required(env, "BENCH_AGENT_NAME"),
                env.getOrDefault("BENCH_DOCKER", "/usr/bin/docker"), Integer.parseInt(rows),
                Path.of(env.getOrDefault("BENCH_OUT", "bench/results/backups.txt")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (bench/run-backups sets it; see its header)");
        }
        return value.trim();
    }
}
