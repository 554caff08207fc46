package dev.paas.agent.stats;

import dev.paas.agent.reconcile.InstanceKey;

/**
 * A running process to sample: its container, its slot, its app's name (for metric labels) and
 * whether its app has runtime metrics in its log ({@code labs:enable log-runtime-metrics}).
 */
public record Tracked(String containerId, InstanceKey key, String appName, boolean runtimeMetrics) {
}
