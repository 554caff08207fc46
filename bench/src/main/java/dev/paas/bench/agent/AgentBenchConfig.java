package dev.paas.bench.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the agent benchmark runs against, read from the environment in one place.
 *
 * @param apiUrl    {@code PAAS_API_URL}: a throwaway platform-api on this machine (loopback only)
 * @param apiKey    {@code PAAS_API_KEY}: an admin token
 * @param agentPid  {@code BENCH_AGENT_PID}: the runtime agent's process, whose memory is measured
 * @param image     {@code PAAS_STACK_IMAGE}: the image the app's processes run on
 * @param docker    {@code BENCH_DOCKER}: the docker client used to crash a container (default /usr/bin/docker)
 * @param rounds    {@code BENCH_ROUNDS}: repetitions of each timing (default 3)
 * @param instances {@code BENCH_INSTANCES}: instances for the memory measurement (default 50)
 * @param out       {@code BENCH_OUT}: the report (default bench/results/agent.txt)
 */
record AgentBenchConfig(URI apiUrl, String apiKey, long agentPid, String image, String docker, int rounds,
                        int instances, Path out) {

    static AgentBenchConfig fromEnv(Map<String, String> env) {
        URI url = URI.create(required(env, "PAAS_API_URL").replaceAll("/+$", ""));
        try {
            if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("PAAS_API_URL must point at this machine (loopback), got: " + url);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PAAS_API_URL names an unknown host: " + url, e);
        }
        return new AgentBenchConfig(url, required(env, "PAAS_API_KEY"), number(env, "BENCH_AGENT_PID", null),
                env.getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm"),
                env.getOrDefault("BENCH_DOCKER", "/usr/bin/docker"),
                (int) number(env, "BENCH_ROUNDS", 3L), (int) number(env, "BENCH_INSTANCES", 50L),
                Path.of(env.getOrDefault("BENCH_OUT", "bench/results/agent.txt")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (bench/run-agent sets it; see its header)");
        }
        return value.trim();
    }

    private static long number(Map<String, String> env, String name, Long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + " is not set (bench/run-agent sets it; see its header)");
            }
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0 && n <= 10_000_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
    }
}
