package dev.paas.router;

import dev.paas.client.EventKind;
import dev.paas.client.Json;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import dev.paas.router.http.AdminServer;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.log.ControlPlaneLogShipper;
import dev.paas.router.log.LogShipper;
import dev.paas.router.proxy.ProxyServer;
import dev.paas.router.route.ControlPlaneRouteSource;
import dev.paas.router.route.RouteStore;
import dev.paas.router.route.RouteSyncer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import dev.paas.router.tls.ControlPlaneTlsSource;
import dev.paas.router.tls.FileTlsSource;
import dev.paas.router.tls.TlsContexts;
import dev.paas.router.tls.TlsSource;
import dev.paas.router.tls.TlsStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the router: wires it by hand, and on SIGTERM drains in-flight requests before it exits. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        RouterConfig config;
        try {
            config = RouterConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(78);
            return;
        }
        Router router;
        try {
            router = Router.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(78);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("at=info msg=\"router stopping: draining in-flight requests\"");
            router.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /** The running router; tests start it the same way as {@link #main}. */
    public record Router(ProxyServer proxy, AdminServer admin, RouteSyncer syncer, AccessLog log, RouteStore routes,
                         TlsStore tls, java.util.concurrent.atomic.AtomicBoolean closed) implements AutoCloseable {
        /** How long a start waits for the first route table before it takes requests without one. */
        static final Duration FIRST_TABLE_WAIT = Duration.ofSeconds(10);

        public static Router start(RouterConfig config) throws IOException, InterruptedException {
            return start(config, System.out);
        }

        /** {@code accessLogOut}: where request lines go while the access log is on; tests count them there. */
        public static Router start(RouterConfig config, OutputStream accessLogOut)
                throws IOException, InterruptedException {
            var metrics = new Metrics();
            var routes = new RouteStore();
            PlatformClient client = config.token() == null ? null : new PlatformClient(config.apiUrl(), config.token());
            TlsStore tls = tls(config, client); // first: a default certificate that cannot be served stops the start
            LogShipper shipper = client != null && config.shipLogs() ? new ControlPlaneLogShipper(client)
                    : LogShipper.NONE;
            var log = new AccessLog(config.accessLog() ? accessLogOut : null, shipper);
            // What has started so far, closed in reverse if a later part cannot start (a port taken, an
            // unreadable routes file): in one process (PAAS_ONE_PROCESS) or a test the caller goes on.
            var started = new java.util.ArrayDeque<AutoCloseable>();
            started.push(log::close);
            if (tls != null) {
                started.push(tls::close);
            }
            try {
                RouteSyncer syncer = null;
                if (config.routesFile() != null) {
                    routes.apply(Json.mapper().readValue(Files.readAllBytes(config.routesFile()), Wire.RouteTable.class));
                } else {
                    syncer = new RouteSyncer(new ControlPlaneRouteSource(client), routes, Duration.ofMillis(50),
                            Duration.ofMinutes(5),
                            tls == null ? Map.of() : Map.of(EventKind.TLS_CHANGED, tls::changed)).start();
                    started.push(syncer::close);
                    if (!syncer.awaitFirstListing(FIRST_TABLE_WAIT)) {
                        LOG.warn("at=warn msg=\"no route table from the control plane yet; taking requests anyway "
                                + "(404 for every app until the table comes)\" waited_s={}", FIRST_TABLE_WAIT.toSeconds());
                    }
                }
                RouteSyncer following = syncer;
                var admin = new AdminServer(config.adminPort(), metrics, routes,
                        () -> following != null && following.following());
                started.push(admin::close);
                var proxy = new ProxyServer(config, routes, metrics, log, tls);
                return new Router(proxy, admin, syncer, log, routes, tls, new java.util.concurrent.atomic.AtomicBoolean());
            } catch (Exception e) {
                while (!started.isEmpty()) {
                    try {
                        started.pop().close();
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }

        /** The certificates, from the feed file or the control plane (or none but the default), or null. */
        private static TlsStore tls(RouterConfig config, PlatformClient client) {
            if (config.tls() == null) {
                LOG.info("at=info msg=\"HTTPS off: set PAAS_ROUTER_TLS_CERT and PAAS_ROUTER_TLS_KEY to serve it\"");
                return null;
            }
            TlsSource source = config.tls().feedFile() != null ? new FileTlsSource(config.tls().feedFile())
                    : client != null ? new ControlPlaneTlsSource(client) : () -> TlsSource.EMPTY;
            var contexts = new TlsContexts(config.tls().jdkOnly());
            LOG.info("at=info msg=\"TLS library\" provider={}", contexts.describe());
            return new TlsStore(source, contexts, config.tls().certFile(), config.tls().keyFile())
                    .start(Duration.ofSeconds(60));
        }

        /** The HTTPS port, or 0 when HTTPS is off. */
        public int tlsPort() {
            return proxy.tlsPort();
        }

        public int port() {
            return proxy.port();
        }

        /** Stops taking connections, drains in-flight requests, then stops syncing and logging. Idempotent. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            proxy.close();
            if (syncer != null) {
                syncer.close();
            }
            if (tls != null) {
                tls.close();
            }
            admin.close();
            log.close();
        }
    }
}
