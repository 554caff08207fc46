package dev.paas.api.route;

import dev.paas.client.ProcessState;
import dev.paas.client.WebState;
import dev.paas.client.Wire;
import java.util.Comparator;
import java.util.List;

/** The routable rule, pure so that it is tested with tables of cases. */
final class Routing {
    private Routing() {
    }

    /** What an agent last reported of one web process. */
    record WebReport(int index, int release, ProcessState state, String host, Integer port, int generation) {
        WebReport(int index, int release, ProcessState state, String host, Integer port) {
            this(index, release, state, host, port, 0);
        }
    }

    record Routable(WebState web, List<Wire.RouteBackend> backends) {
    }

    /**
     * Web processes of the current release that are up; while none of them is up yet, the up ones of
     * older releases, so that during a deploy the old processes serve until the first new one is up
     * and then drop out at once. A process whose slot was scaled away takes no new requests: it
     * is draining before its SIGTERM.
     */
    static Routable routable(int currentRelease, java.util.Set<Integer> webSlots, List<WebReport> reports) {
        return routable(currentRelease, webSlots.stream().collect(java.util.stream.Collectors.toMap(i -> i, i -> 0)),
                reports);
    }

    /**
     * As above, with each slot's generation ({@code webSlots}: index to generation): in a restarted
     * slot, the process of the older generation keeps taking requests until the new one is up, then
     * drops out and drains before its SIGTERM, as an older release's does in a deploy.
     */
    static Routable routable(int currentRelease, java.util.Map<Integer, Integer> webSlots, List<WebReport> reports) {
        var up = reports.stream().filter(r -> r.state() == ProcessState.UP && r.host() != null && r.port() != null
                && webSlots.containsKey(r.index())).toList();
        var restartedUp = up.stream().filter(r -> r.generation() == webSlots.get(r.index()))
                .map(WebReport::index).collect(java.util.stream.Collectors.toSet());
        up = up.stream().filter(r -> r.generation() == webSlots.get(r.index()) || !restartedUp.contains(r.index()))
                .toList();
        var current = up.stream().filter(r -> r.release() == currentRelease).toList();
        var chosen = (current.isEmpty() ? up : current).stream()
                .sorted(Comparator.comparingInt(WebReport::index).thenComparingInt(WebReport::release))
                .map(r -> new Wire.RouteBackend("web." + r.index(), r.host(), r.port(), r.release()))
                .toList();
        return new Routable(web(chosen, reports), chosen);
    }

    private static WebState web(List<Wire.RouteBackend> chosen, List<WebReport> reports) {
        if (!chosen.isEmpty()) {
            return WebState.UP;
        }
        if (reports.stream().anyMatch(r -> r.state() == ProcessState.STARTING)) {
            return WebState.STARTING;
        }
        if (reports.stream().anyMatch(r -> r.state() == ProcessState.CRASHED)) {
            return WebState.CRASHED;
        }
        return WebState.NONE;
    }
}
