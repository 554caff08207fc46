package dev.paas.router.proxy;

import dev.paas.router.RouterConfig;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.route.RouteStore;

/** What every connection's handlers share. */
record ProxyContext(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, BackendPool pool) {
}
