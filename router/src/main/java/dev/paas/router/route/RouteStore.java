package dev.paas.router.route;

import dev.paas.client.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the current table: request threads read it without locks, the syncer swaps in new ones. */
public final class RouteStore {
    private static final Logger LOG = LoggerFactory.getLogger(RouteStore.class);
    private volatile RouteTable table = RouteTable.EMPTY;

    public RouteTable table() {
        return table;
    }

    /** Applies a fresh listing; backends that left are retired: no new requests, in-flight ones finish. */
    public synchronized void apply(Wire.RouteTable listing) {
        RouteTable before = table;
        if (listing.eventId() < before.eventId()) {
            return; // a slower listing that a newer one overtook
        }
        RouteTable after = RouteTable.build(listing, before);
        table = after;
        for (RouteDiff.Change change : RouteDiff.diff(before, after)) {
            if (change instanceof RouteDiff.BackendRemoved removed) {
                removed.backend().retire();
            }
            LOG.info("at=info msg=\"route change\" app={} change={}", change.app(), describe(change));
        }
    }

    private static String describe(RouteDiff.Change change) {
        return switch (change) {
            case RouteDiff.HostAdded c -> "host_added host=" + c.host();
            case RouteDiff.HostRemoved c -> "host_removed host=" + c.host();
            case RouteDiff.BackendAdded c -> "backend_added backend=" + c.backend();
            case RouteDiff.BackendRemoved c -> "backend_removed backend=" + c.backend();
            case RouteDiff.WebChanged c -> "web_changed from=" + c.from() + " to=" + c.to();
        };
    }
}
