package dev.paas.router.route;

import dev.paas.client.WebState;
import dev.paas.router.balance.Backend;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What changed between two route tables: pure, for logging and for retiring backends. */
public final class RouteDiff {
    private RouteDiff() {
    }

    public sealed interface Change {
        String app();
    }

    public record HostAdded(String app, String host) implements Change {
    }

    public record HostRemoved(String app, String host) implements Change {
    }

    public record BackendAdded(String app, Backend backend) implements Change {
    }

    public record BackendRemoved(String app, Backend backend) implements Change {
    }

    public record WebChanged(String app, WebState from, WebState to) implements Change {
    }

    public static List<Change> diff(RouteTable before, RouteTable after) {
        var changes = new ArrayList<Change>();
        var hosts = new TreeSet<String>(before.hosts().keySet());
        hosts.addAll(after.hosts().keySet());
        for (String host : hosts) {
            AppRoute was = before.hosts().get(host);
            AppRoute now = after.hosts().get(host);
            if (was != null && (now == null || !now.appId().equals(was.appId()))) {
                changes.add(new HostRemoved(was.app(), host));
            }
            if (now != null && (was == null || !now.appId().equals(was.appId()))) {
                changes.add(new HostAdded(now.app(), host));
            }
        }
        Map<Backend, String> kept = new IdentityHashMap<>();
        after.apps().forEach(a -> a.backends().forEach(b -> kept.put(b, a.app())));
        Map<Backend, String> had = new IdentityHashMap<>();
        before.apps().forEach(a -> a.backends().forEach(b -> had.put(b, a.app())));
        before.apps().forEach(a -> a.backends().stream().filter(b -> !kept.containsKey(b))
                .forEach(b -> changes.add(new BackendRemoved(a.app(), b))));
        after.apps().forEach(a -> a.backends().stream().filter(b -> !had.containsKey(b))
                .forEach(b -> changes.add(new BackendAdded(a.app(), b))));
        for (AppRoute now : after.apps()) {
            AppRoute was = before.app(now.appId());
            WebState from = was == null ? WebState.NONE : was.web();
            if (!Objects.equals(from, now.web())) {
                changes.add(new WebChanged(now.app(), from, now.web()));
            }
        }
        return changes;
    }
}
