package dev.paas.agent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's settings, from the environment only.
 *
 * @param apiUrl    {@code PAAS_API_URL}
 * @param apiKey    {@code PAAS_API_KEY}: an admin token (agents read every app's config)
 * @param name      {@code PAAS_AGENT_NAME}: its identity; a restarted agent re-registers under it
 * @param address   {@code PAAS_AGENT_ADDRESS}: where its containers' ports are published and reachable
 * @param memoryMb  {@code PAAS_AGENT_MEMORY_MB}: what it offers to app processes
 * @param dockerHost {@code DOCKER_HOST}
 * @param appUser   {@code PAAS_APP_USER}: uid:gid of app processes, never root
 * @param grace     {@code PAAS_STOP_GRACE_SECONDS}: SIGTERM to SIGKILL
 * @param resync    {@code PAAS_RESYNC_SECONDS}: a full pass at least this often, events or not
 * @param heartbeat {@code PAAS_HEARTBEAT_SECONDS}: keep this well below the control plane's agent timeout
 * @param bootTimeout {@code PAAS_BOOT_TIMEOUT_SECONDS}: a web process must accept connections by then (R10)
 * @param coolOff   {@code PAAS_CRASH_COOL_OFF_SECONDS}: the longest wait before restarting a crashing process
 * @param drain     {@code PAAS_DRAIN_SECONDS}: a web process leaving (replaced, scaled down) keeps running this
 *                  long before SIGTERM, while routers take it out of rotation (0: no wait)
 * @param logMaxSize  {@code PAAS_CONTAINER_LOG_MAX_SIZE}: json-file {@code max-size} of each container's log
 *                    file on the host, such as {@code 10m}
 * @param logMaxFiles {@code PAAS_CONTAINER_LOG_MAX_FILES}: json-file {@code max-file}, the files kept per container
 * @param health    {@code PAAS_AGENT_HEALTH_BIND}:{@code PAAS_AGENT_HEALTH_PORT}, where {@code GET /healthz} answers
 *                  (loopback, port 5002 by default; port 0 picks a free one)
 */
public record AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                          String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                          Duration coolOff, Duration drain, String logMaxSize, int logMaxFiles,
                          InetSocketAddress health) {

    public AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                       String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                       Duration coolOff, Duration drain) {
        this(apiUrl, apiKey, name, address, memoryMb, dockerHost, appUser, grace, resync, heartbeat, bootTimeout,
                coolOff, drain, "10m", 3, new InetSocketAddress("127.0.0.1", 0));
    }

    public static AgentConfig fromEnv(Map<String, String> env) {
        String key = env.get("PAAS_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("PAAS_API_KEY is not set: give an admin token (create-user --admin)");
        }
        String user = env.getOrDefault("PAAS_APP_USER", "1000:1000");
        if (user.matches("0(:.*)?|root(:.*)?")) {
            throw new IllegalArgumentException("PAAS_APP_USER must not be root, got " + user);
        }
        return new AgentConfig(URI.create(env.getOrDefault("PAAS_API_URL", "http://127.0.0.1:5000")), key.trim(),
                env.getOrDefault("PAAS_AGENT_NAME", env.getOrDefault("HOSTNAME", "agent-1")),
                env.getOrDefault("PAAS_AGENT_ADDRESS", "127.0.0.1"),
                number(env, "PAAS_AGENT_MEMORY_MB", 4096),
                env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"),
                user,
                Duration.ofSeconds(number(env, "PAAS_STOP_GRACE_SECONDS", 30)),
                Duration.ofSeconds(number(env, "PAAS_RESYNC_SECONDS", 30)),
                Duration.ofSeconds(number(env, "PAAS_HEARTBEAT_SECONDS", 5)),
                Duration.ofSeconds(number(env, "PAAS_BOOT_TIMEOUT_SECONDS", 60)),
                Duration.ofSeconds(number(env, "PAAS_CRASH_COOL_OFF_SECONDS", 300)),
                Duration.ofSeconds(drainSeconds(env)),
                logMaxSize(env),
                number(env, "PAAS_CONTAINER_LOG_MAX_FILES", 3),
                healthAddress(env));
    }

    private static InetSocketAddress healthAddress(Map<String, String> env) {
        String port = env.getOrDefault("PAAS_AGENT_HEALTH_PORT", "5002").trim();
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("PAAS_AGENT_HEALTH_PORT must be a TCP port (0 to 65535), got " + port);
        }
        String bind = env.getOrDefault("PAAS_AGENT_HEALTH_BIND", "127.0.0.1").trim();
        var address = new InetSocketAddress(bind, Integer.parseInt(port));
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("PAAS_AGENT_HEALTH_BIND must be an address of this host, got " + bind);
        }
        return address;
    }

    private static String logMaxSize(Map<String, String> env) {
        String value = env.getOrDefault("PAAS_CONTAINER_LOG_MAX_SIZE", "10m").trim();
        if (!value.matches("[1-9]\\d{0,5}[kmg]")) {
            throw new IllegalArgumentException("PAAS_CONTAINER_LOG_MAX_SIZE must be a size such as 10m (k, m or g), "
                    + "got " + value);
        }
        return value;
    }

    private static int drainSeconds(Map<String, String> env) {
        String value = env.getOrDefault("PAAS_DRAIN_SECONDS", "2").trim();
        if (!value.matches("\\d{1,4}")) {
            throw new IllegalArgumentException("PAAS_DRAIN_SECONDS must be a whole number of seconds (0 or more), got "
                    + value);
        }
        return Integer.parseInt(value);
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
    }
}
