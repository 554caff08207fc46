package dev.paas.agent;

import dev.paas.common.env.Env;
import dev.paas.common.registry.Registry;
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
 *                  and {@code GET /metrics} (loopback, port 5002 by default; port 0 picks a free one)
 * @param statsInterval {@code PAAS_STATS_INTERVAL_SECONDS}: how often each process's memory and CPU are read
 *                  (and, for apps with {@code log-runtime-metrics}, written to their log)
 * @param registry  {@code PAAS_REGISTRY}, {@code PAAS_REGISTRY_USERNAME}, {@code PAAS_REGISTRY_PASSWORD}: where
 *                  release images named by digest are pulled from when this host's engine lacks them; null when
 *                  images are local only
 * @param pullTimeout {@code PAAS_IMAGE_PULL_TIMEOUT_SECONDS}: a pull taking longer fails that start (retried with
 *                  the crash backoff)
 */
public record AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                          String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                          Duration coolOff, Duration drain, String logMaxSize, int logMaxFiles,
                          InetSocketAddress health, Duration statsInterval, Registry registry, Duration pullTimeout) {

    public AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                       String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                       Duration coolOff, Duration drain, String logMaxSize, int logMaxFiles,
                       InetSocketAddress health, Duration statsInterval) {
        this(apiUrl, apiKey, name, address, memoryMb, dockerHost, appUser, grace, resync, heartbeat, bootTimeout,
                coolOff, drain, logMaxSize, logMaxFiles, health, statsInterval, null, DEFAULT_PULL_TIMEOUT);
    }

    /** Long enough for the stack's half gigabyte over a slow link; short enough that a stalled pull is news. */
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofSeconds(300);

    public AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                       String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                       Duration coolOff, Duration drain, String logMaxSize, int logMaxFiles,
                       InetSocketAddress health) {
        this(apiUrl, apiKey, name, address, memoryMb, dockerHost, appUser, grace, resync, heartbeat, bootTimeout,
                coolOff, drain, logMaxSize, logMaxFiles, health, Duration.ofSeconds(20));
    }

    public AgentConfig(URI apiUrl, String apiKey, String name, String address, int memoryMb, String dockerHost,
                       String appUser, Duration grace, Duration resync, Duration heartbeat, Duration bootTimeout,
                       Duration coolOff, Duration drain) {
        this(apiUrl, apiKey, name, address, memoryMb, dockerHost, appUser, grace, resync, heartbeat, bootTimeout,
                coolOff, drain, "10m", 3, new InetSocketAddress("127.0.0.1", 0));
    }

    public static AgentConfig fromEnv(Map<String, String> vars) {
        var env = new Env(vars);
        String key = env.required("PAAS_API_KEY", "give an admin token (create-user --admin)");
        String user = env.string("PAAS_APP_USER", "1000:1000");
        if (user.matches("0(:.*)?|root(:.*)?")) {
            throw Env.bad("PAAS_APP_USER", "a uid:gid other than root's, such as 1000:1000", user);
        }
        return new AgentConfig(env.url("PAAS_API_URL", "http://127.0.0.1:5000"), key,
                env.string("PAAS_AGENT_NAME", env.string("HOSTNAME", "agent-1")),
                env.string("PAAS_AGENT_ADDRESS", "127.0.0.1"),
                env.integer("PAAS_AGENT_MEMORY_MB", 4096, 1, Integer.MAX_VALUE),
                env.string("DOCKER_HOST", "unix:///var/run/docker.sock"),
                user,
                env.seconds("PAAS_STOP_GRACE_SECONDS", 30, 1),
                env.seconds("PAAS_RESYNC_SECONDS", 30, 1),
                env.seconds("PAAS_HEARTBEAT_SECONDS", 5, 1),
                env.seconds("PAAS_BOOT_TIMEOUT_SECONDS", 60, 1),
                env.seconds("PAAS_CRASH_COOL_OFF_SECONDS", 300, 1),
                env.seconds("PAAS_DRAIN_SECONDS", 2, 0, 9999),
                env.size("PAAS_CONTAINER_LOG_MAX_SIZE", "10m"),
                env.integer("PAAS_CONTAINER_LOG_MAX_FILES", 3, 1, Integer.MAX_VALUE),
                healthAddress(env),
                env.seconds("PAAS_STATS_INTERVAL_SECONDS", 20, 1, 3600),
                Registry.fromEnv(env).orElse(null),
                env.seconds("PAAS_IMAGE_PULL_TIMEOUT_SECONDS", DEFAULT_PULL_TIMEOUT.toSeconds(), 1, 3600));
    }

    private static InetSocketAddress healthAddress(Env env) {
        int port = env.port("PAAS_AGENT_HEALTH_PORT", 5002);
        String bind = env.string("PAAS_AGENT_HEALTH_BIND", "127.0.0.1");
        var address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw Env.bad("PAAS_AGENT_HEALTH_BIND", "an address of this host", bind);
        }
        return address;
    }
}
