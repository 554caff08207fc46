package dev.paas.agent.converge;

import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.InstanceKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slots whose container could not be created or started (image not found, host port taken, engine
 * away). Such a slot has no container to report, so it is reported from here, crashed with the
 * reason, until a start succeeds or the slot is no longer wanted.
 */
final class StartFailures {
    /** Docker's own status for "the engine could not run it" ({@code docker run} exits 125). */
    static final int EXIT_CODE = 125;

    record Failure(InstanceKey key, int release, int generation, String reason, java.time.Instant at) {
    }

    private final Map<InstanceKey, Failure> failures = new HashMap<>();

    void failed(InstanceKey key, int release, int generation, String reason, java.time.Instant at) {
        failures.put(key, new Failure(key, release, generation, reason, at));
    }

    void started(InstanceKey key) {
        failures.remove(key);
    }

    boolean failed(InstanceKey key) {
        return failures.containsKey(key);
    }

    void retain(Set<InstanceKey> wanted) {
        failures.keySet().retainAll(wanted);
    }

    /** A report for each failed slot that has no container of its own to be reported by. */
    List<Observed> reports(Set<InstanceKey> withContainers) {
        return failures.values().stream().filter(f -> !withContainers.contains(f.key()))
                .map(f -> new Observed(new ActualInstance(id(f.key()), f.key(), f.release(),
                        ActualInstance.State.EXITED, f.generation()), null, EXIT_CODE, f.reason(), f.at()))
                .toList();
    }

    /** Unique on the agent (the control plane keys reports by agent and container id), never a real id. */
    private static String id(InstanceKey key) {
        return "failed-" + key.app() + "-" + key.dyno();
    }
}
