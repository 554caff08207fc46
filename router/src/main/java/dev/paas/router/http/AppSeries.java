package dev.paas.router.http;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One set of counters per app, with a bound on how many: requests for no known app (an unknown
 * host, a bad request) share one set, and the sets of apps that left the route table are dropped
 * when the table is next consulted, so the label set follows the platform's apps, not the traffic.
 */
final class AppSeries<T> {
    private final Map<UUID, T> byApp = new ConcurrentHashMap<>();
    private final T unknown;
    private final Supplier<T> fresh;

    AppSeries(Supplier<T> fresh) {
        this.fresh = fresh;
        this.unknown = fresh.get();
    }

    /** The app's counters; {@code appId} null: the shared set of requests that reached no app. */
    T of(UUID appId) {
        return appId == null ? unknown : byApp.computeIfAbsent(appId, id -> fresh.get());
    }

    T unknown() {
        return unknown;
    }

    /** Drops the counters of every app not in {@code live}; returns the remaining apps' ids. */
    Set<UUID> retain(Set<UUID> live) {
        byApp.keySet().retainAll(live);
        return Set.copyOf(byApp.keySet());
    }
}
