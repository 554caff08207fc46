package dev.paas.router;

import dev.paas.common.env.Env;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The router's settings, from the environment only.
 *
 * @param apiUrl          {@code PAAS_API_URL}: the control plane
 * @param token           {@code PAAS_API_KEY}: an admin token, as in every component (it was {@code PAAS_ROUTER_TOKEN}:
 *                        that name alone now fails at start, saying so)
 * @param routesFile      {@code PAAS_ROUTER_ROUTES_FILE}: a fixed route table (GET /routes JSON) instead of the
 *                        control plane, for benchmarks and trials; then no token is needed
 * @param bind            {@code PAAS_ROUTER_BIND}: the address to listen on
 * @param port            {@code PAAS_ROUTER_PORT}: the public HTTP port (0: any free one)
 * @param adminPort       {@code PAAS_ROUTER_ADMIN_PORT}: health and metrics, on 127.0.0.1 (0: any free one)
 * @param domain          {@code PAAS_DOMAIN}: apps' default hostnames are {@code <app>.<domain>}
 * @param ioThreads       {@code PAAS_ROUTER_IO_THREADS}: event loops (default: one per core)
 * @param connectTimeout  {@code PAAS_ROUTER_CONNECT_TIMEOUT_MS}: to a backend
 * @param responseTimeout {@code PAAS_ROUTER_RESPONSE_TIMEOUT_MS}: request sent to first response byte (H12)
 * @param idleTimeout     {@code PAAS_ROUTER_IDLE_TIMEOUT_MS}: no byte either way once a request is under way (H15)
 * @param headerTimeout   {@code PAAS_ROUTER_HEADER_TIMEOUT_MS}: first byte of a request to its last header
 * @param keepAlive       {@code PAAS_ROUTER_KEEPALIVE_MS}: an idle client connection is closed after this
 * @param backendDown     {@code PAAS_ROUTER_BACKEND_DOWN_MS}: a backend that refused a connection is skipped this long
 * @param maxRequestLine  {@code PAAS_ROUTER_MAX_REQUEST_LINE}: bytes (414 beyond)
 * @param maxHeaderBytes  {@code PAAS_ROUTER_MAX_HEADER_BYTES}: all header lines together (431 beyond)
 * @param maxConnections  {@code PAAS_ROUTER_MAX_CONNECTIONS}: client connections at once; more are closed at once
 * @param drain           {@code PAAS_ROUTER_DRAIN_MS}: on SIGTERM, how long in-flight requests may finish
 * @param accessLog       {@code PAAS_ROUTER_ACCESS_LOG}: {@code stdout} (default) or {@code off}
 * @param shipLogs        {@code PAAS_ROUTER_SHIP_LOGS}: send request lines to each app's log stream (default true)
 * @param transport       {@code PAAS_ROUTER_TRANSPORT}: {@code epoll} (default), {@code io_uring} or {@code nio};
 *                        one the kernel lacks falls back to epoll, then nio
 * @param tls             the HTTPS listener's settings, or null when it is off
 */
public record RouterConfig(URI apiUrl, String token, Path routesFile, String bind, int port, int adminPort,
                           String domain, int ioThreads, Duration connectTimeout, Duration responseTimeout,
                           Duration idleTimeout, Duration headerTimeout, Duration keepAlive, Duration backendDown,
                           int maxRequestLine, int maxHeaderBytes, int maxConnections, Duration drain,
                           boolean accessLog, boolean shipLogs, String transport, Tls tls) {

    /**
     * HTTPS, on when a default certificate is given.
     *
     * @param port     {@code PAAS_ROUTER_TLS_PORT}: the public HTTPS port (default 8443; 0: any free one)
     * @param certFile {@code PAAS_ROUTER_TLS_CERT}: the default certificate (PEM, leaf first), served to names no
     *                 app certificate covers; made for {@code *.<PAAS_DOMAIN>}
     * @param keyFile  {@code PAAS_ROUTER_TLS_KEY}: its private key (PEM, PKCS#8)
     * @param feedFile {@code PAAS_ROUTER_TLS_FILE}: a fixed certificate feed (GET /router/tls JSON), read again
     *                 every minute, instead of the control plane's
     * @param jdkOnly  {@code PAAS_ROUTER_TLS_PROVIDER=jdk}: the JDK's TLS instead of BoringSSL (default
     *                 {@code openssl}, which falls back to the JDK's where BoringSSL does not load)
     */
    public record Tls(int port, Path certFile, Path keyFile, Path feedFile, boolean jdkOnly) {
    }

    public static RouterConfig fromEnv(Map<String, String> vars) {
        var env = new Env(vars);
        if (env.isSet("PAAS_ROUTER_TOKEN") && !env.isSet("PAAS_API_KEY")) {
            throw new IllegalArgumentException("PAAS_ROUTER_TOKEN was renamed to PAAS_API_KEY, the admin token's name "
                    + "in every component: set PAAS_API_KEY to the same token and unset PAAS_ROUTER_TOKEN");
        }
        String file = env.optional("PAAS_ROUTER_ROUTES_FILE").orElse(null);
        String token = env.optional("PAAS_API_KEY").orElse(null);
        if (file == null && token == null) {
            throw new IllegalArgumentException("PAAS_API_KEY is not set: give an admin token (create-user --admin), "
                    + "or a fixed table in PAAS_ROUTER_ROUTES_FILE");
        }
        return new RouterConfig(
                env.url("PAAS_API_URL", "http://127.0.0.1:5000"),
                token,
                file == null ? null : Path.of(file),
                env.string("PAAS_ROUTER_BIND", "127.0.0.1"),
                env.port("PAAS_ROUTER_PORT", 8080),
                env.port("PAAS_ROUTER_ADMIN_PORT", 8081),
                env.string("PAAS_DOMAIN", "localhost").toLowerCase(Locale.ROOT),
                env.integer("PAAS_ROUTER_IO_THREADS", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE),
                env.millis("PAAS_ROUTER_CONNECT_TIMEOUT_MS", 5_000, 1),
                env.millis("PAAS_ROUTER_RESPONSE_TIMEOUT_MS", 30_000, 1),
                env.millis("PAAS_ROUTER_IDLE_TIMEOUT_MS", 55_000, 1),
                env.millis("PAAS_ROUTER_HEADER_TIMEOUT_MS", 10_000, 1),
                env.millis("PAAS_ROUTER_KEEPALIVE_MS", 75_000, 1),
                env.millis("PAAS_ROUTER_BACKEND_DOWN_MS", 5_000, 1),
                env.integer("PAAS_ROUTER_MAX_REQUEST_LINE", 8192, 256, Integer.MAX_VALUE),
                env.integer("PAAS_ROUTER_MAX_HEADER_BYTES", 16_384, 1024, Integer.MAX_VALUE),
                env.integer("PAAS_ROUTER_MAX_CONNECTIONS", 10_000, 1, Integer.MAX_VALUE),
                env.millis("PAAS_ROUTER_DRAIN_MS", 25_000, 1),
                env.oneOf("PAAS_ROUTER_ACCESS_LOG", "stdout", Set.of("stdout", "off")).equals("stdout"),
                env.bool("PAAS_ROUTER_SHIP_LOGS", true),
                env.oneOf("PAAS_ROUTER_TRANSPORT", "epoll", Set.of("epoll", "io_uring", "nio")),
                tls(env));
    }

    private static Tls tls(Env env) {
        String cert = env.optional("PAAS_ROUTER_TLS_CERT").orElse(null);
        String key = env.optional("PAAS_ROUTER_TLS_KEY").orElse(null);
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("PAAS_ROUTER_TLS_CERT and PAAS_ROUTER_TLS_KEY go together: give both "
                    + "(the default certificate and its key, PEM files) to serve HTTPS, or neither");
        }
        return new Tls(env.port("PAAS_ROUTER_TLS_PORT", 8443), Path.of(cert), Path.of(key),
                env.optional("PAAS_ROUTER_TLS_FILE").map(Path::of).orElse(null),
                env.oneOf("PAAS_ROUTER_TLS_PROVIDER", "openssl", Set.of("openssl", "jdk")).equals("jdk"));
    }
}
