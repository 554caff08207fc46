package dev.paas.router.proxy;

import dev.paas.router.RouterConfig;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.log.RequestLogLine;
import dev.paas.router.route.RouteStore;
import dev.paas.router.tls.TlsStore;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * What every connection's handlers share. {@code tls} is null while HTTPS is off; {@code httpsPort} is
 * the HTTPS listener's port, known once it is bound, for redirects.
 */
record ProxyContext(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, BackendPool pool,
                    Timeouts timeouts, TlsStore tls, IntSupplier httpsPort) {

    ProxyContext(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, BackendPool pool,
                 TlsStore tls, IntSupplier httpsPort) {
        this(config, routes, metrics, log, pool,
                new Timeouts(config.responseTimeout().toNanos(), config.idleTimeout().toNanos()), tls, httpsPort);
    }

    /**
     * The one place a request is logged and counted, so that the access log and the metrics agree;
     * {@code errorCode} is what the metrics count the request under, if anything.
     */
    void record(UUID appId, RequestLogLine line, long micros, String errorCode) {
        metrics.request(appId, line.status(), micros, line.bytes(), errorCode);
        log.log(appId, line); // formatted on the log's writer thread
    }
}
