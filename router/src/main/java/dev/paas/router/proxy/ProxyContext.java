package dev.paas.router.proxy;

import dev.paas.router.RouterConfig;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.log.RequestLogLine;
import dev.paas.router.route.RouteStore;
import java.util.UUID;

/** What every connection's handlers share. */
record ProxyContext(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, BackendPool pool,
                    Timeouts timeouts) {

    ProxyContext(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, BackendPool pool) {
        this(config, routes, metrics, log, pool,
                new Timeouts(config.responseTimeout().toNanos(), config.idleTimeout().toNanos()));
    }

    /**
     * The one place a request is logged and counted, so that the access log and the metrics agree;
     * {@code errorCode} is what the metrics count the request under, if anything.
     */
    void record(UUID appId, RequestLogLine line, long micros, String errorCode) {
        metrics.request(line.status(), micros, line.bytes(), errorCode);
        log.log(appId, line.format());
    }
}
