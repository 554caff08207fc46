package dev.paas.api.route;

import dev.paas.api.event.Tx;
import dev.paas.client.EventKind;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Emits {@code routes.changed} when an agent's report changes which web processes of an app take
 * requests. Used inside the report's transaction: {@link #before} ahead of the change,
 * {@link #emitChanges} after it.
 */
public final class RouteWatch {
    private final RouteRepository routes;

    public RouteWatch(RouteRepository routes) {
        this.routes = routes;
    }

    public record Snapshot(Set<UUID> apps, Map<UUID, Wire.AppRoute> routes) {
    }

    public Snapshot before(DSLContext tx, UUID agentId, List<Wire.InstanceReport> reports) {
        var apps = new HashSet<>(routes.reportedBy(tx, agentId));
        reports.stream().filter(r -> ProcessTypes.isWeb(r.type())).forEach(r -> apps.add(r.appId()));
        return new Snapshot(apps, apps.isEmpty() ? Map.of() : byApp(routes.routes(tx, apps)));
    }

    public void emitChanges(Tx tx, Snapshot before) {
        if (before.apps().isEmpty()) {
            return;
        }
        for (var after : routes.routes(tx.dsl(), before.apps())) {
            var was = before.routes().get(after.appId());
            if (was == null || !Objects.equals(was.web(), after.web()) || !was.backends().equals(after.backends())) {
                tx.announce(after.appId(), EventKind.ROUTES_CHANGED, Map.of("web", after.web(),
                        "backends", after.backends().stream().map(b -> b.dyno() + "@" + b.host() + ":" + b.port())
                                .toList()));
            }
        }
    }

    private static Map<UUID, Wire.AppRoute> byApp(List<Wire.AppRoute> list) {
        return list.stream().collect(Collectors.toMap(Wire.AppRoute::appId, Function.identity()));
    }
}
