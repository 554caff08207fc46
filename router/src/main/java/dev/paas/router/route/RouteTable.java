package dev.paas.router.route;

import dev.paas.client.Wire;
import dev.paas.router.balance.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** An immutable hostname to app map; the router swaps in a whole new one on every change. */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable(Map.of(), List.of(), -1);
    private final Map<String, AppRoute> byHost;
    private final Map<UUID, AppRoute> byId = new HashMap<>();
    private final List<AppRoute> apps;
    private final long eventId;

    private RouteTable(Map<String, AppRoute> byHost, List<AppRoute> apps, long eventId) {
        this.byHost = byHost;
        this.apps = apps;
        this.eventId = eventId;
        apps.forEach(a -> byId.put(a.appId(), a));
    }

    /**
     * Builds the table for {@code wire}, reusing the backends of {@code previous} that are still
     * routable, so that their in-flight counts carry over.
     */
    public static RouteTable build(Wire.RouteTable wire, RouteTable previous) {
        var byHost = new HashMap<String, AppRoute>();
        var apps = new ArrayList<AppRoute>();
        for (Wire.AppRoute r : wire.routes()) {
            AppRoute before = previous.app(r.appId());
            var backends = new ArrayList<Backend>(r.backends().size());
            for (Wire.RouteBackend b : r.backends()) {
                backends.add(reuse(before, r, b));
            }
            var route = new AppRoute(r.appId(), r.app(), r.web(), List.copyOf(backends));
            apps.add(route);
            for (String host : r.hostnames()) {
                byHost.put(normalize(host), route);
            }
        }
        return new RouteTable(Map.copyOf(byHost), List.copyOf(apps), wire.eventId());
    }

    private static Backend reuse(AppRoute before, Wire.AppRoute r, Wire.RouteBackend b) {
        if (before != null) {
            for (Backend old : before.backends()) {
                if (old.sameAs(r.appId(), b.dyno(), b.host(), b.port())) {
                    return old;
                }
            }
        }
        return new Backend(r.appId(), b.dyno(), b.host(), b.port());
    }

    /** The app behind a Host header value, or null. */
    public AppRoute lookup(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        AppRoute exact = byHost.get(hostHeader); // most clients send it as the table has it
        return exact != null ? exact : byHost.get(normalize(hostHeader));
    }

    public AppRoute app(UUID appId) {
        return byId.get(appId);
    }

    public List<AppRoute> apps() {
        return apps;
    }

    public Map<String, AppRoute> hosts() {
        return byHost;
    }

    public long eventId() {
        return eventId;
    }

    /** Lower case, without a port or a trailing dot. */
    static String normalize(String host) {
        String h = host.trim();
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
