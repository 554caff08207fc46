package dev.paas.agent.converge;

import dev.paas.agent.probe.Prober;
import dev.paas.agent.probe.Target;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.Health;
import dev.paas.agent.reconcile.HealthCheck;
import dev.paas.agent.reconcile.InstanceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings a pass's observation up to date with the health checks: starts checking each running
 * container with checks, and gives each the state its checks allow ({@link Health#state}).
 */
final class Checks implements AutoCloseable {
    private final Prober prober;
    private final String host;
    /** Containers seen up once: their boot is over, whatever a readiness check says later. */
    private final Set<String> booted = new HashSet<>();
    private final java.time.Instant since = java.time.Instant.now();

    /** @param host where published ports are reached from this agent */
    Checks(Prober prober, String host) {
        this.prober = prober;
        this.host = host;
    }

    /** The observation as the checks see it, and by container id the health of those that have checks. */
    record Judged(List<Observed> observed, Map<String, Health> health) {
    }

    Judged judge(List<Observed> observed, List<DesiredInstance> desired) {
        Map<InstanceKey, DesiredInstance> wanted = new HashMap<>();
        desired.forEach(d -> wanted.put(d.key(), d));
        var result = new ArrayList<Observed>();
        var health = new HashMap<String, Health>();
        for (Observed o : observed) {
            var a = o.instance();
            if (a.state() == ActualInstance.State.EXITED) {
                result.add(o);
                continue;
            }
            var d = wanted.get(a.key());
            List<HealthCheck> checks = d != null && a.runs(d) ? d.checks() : List.of();
            prober.track(new Target(a.containerId(), host, o.hostPort(), o.ip(), Observer.CONTAINER_PORT), checks,
                    a.startedAt(), a.startedAt() != null && a.startedAt().isBefore(since));
            var found = prober.health(a.containerId());
            if (found.isEmpty()) {
                result.add(o);
                continue;
            }
            var known = new Health(found.get().verdict(), found.get().reason(), booted.contains(a.containerId()));
            var state = Health.state(a.state(), known);
            if (state == ActualInstance.State.UP && booted.add(a.containerId())) {
                known = new Health(known.verdict(), known.reason(), true);
            }
            health.put(a.containerId(), known);
            result.add(state == a.state() ? o : o.in(state));
        }
        var running = observed.stream().filter(o -> o.instance().state() != ActualInstance.State.EXITED)
                .map(o -> o.instance().containerId()).collect(Collectors.toSet());
        prober.retain(running);
        booted.retainAll(running);
        return new Judged(List.copyOf(result), Map.copyOf(health));
    }

    @Override
    public void close() {
        prober.close();
    }
}
