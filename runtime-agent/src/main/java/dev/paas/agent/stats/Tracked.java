package dev.paas.agent.stats;

import dev.paas.agent.converge.Observed;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.Wire;
import java.util.HashMap;
import java.util.List;

/**
 * A running process to sample: its container, its slot, its app's name (for metric labels) and
 * whether its app has runtime metrics in its log ({@code labs:enable log-runtime-metrics}).
 */
public record Tracked(String containerId, InstanceKey key, String appName, boolean runtimeMetrics) {

    /**
     * The processes of a pass that run. An app has runtime metrics when any of its slots says so:
     * one-off slots do not carry the flag, and must not turn it off for the app's other processes.
     */
    public static List<Tracked> running(List<Wire.AgentInstance> slots, List<Observed> observed) {
        var names = new HashMap<String, String>();
        var metrics = new HashMap<String, Boolean>();
        for (Wire.AgentInstance s : slots) {
            if (s != null && s.appId() != null) {
                String app = s.appId().toString();
                if (s.app() != null) {
                    names.putIfAbsent(app, s.app());
                }
                metrics.merge(app, Boolean.TRUE.equals(s.runtimeMetrics()), Boolean::logicalOr);
            }
        }
        return observed.stream()
                .filter(o -> o.instance().state() != ActualInstance.State.EXITED && o.instance().containerId() != null)
                .map(o -> {
                    String app = o.instance().key().app();
                    return new Tracked(o.instance().containerId(), o.instance().key(), names.getOrDefault(app, app),
                            metrics.getOrDefault(app, false));
                })
                .toList();
    }
}
