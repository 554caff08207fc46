package dev.paas.agent.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure heart of the agent: compares what should run with what runs and returns the actions,
 * with no I/O, so that it is tested with tables and is idempotent by construction.
 *
 * <p>Zero downtime: in a slot that moves to a new release, the old container keeps running
 * until the new one is {@code UP}; only then is the old one stopped.
 *
 * <p>One-off processes start when no container of theirs exists and are then left alone, running
 * or ended, while desired; once no longer desired, they are stopped or removed like any other.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public static List<Action> diff(List<DesiredInstance> desired, List<ActualInstance> actual) {
        return diff(desired, actual, java.util.Set.of());
    }

    /**
     * As above, but slots in {@code coolingDown} (crashed too often lately) are left alone: their
     * exited container stays, for {@code ps} to show, and nothing starts until the cool-off ends.
     */
    public static List<Action> diff(List<DesiredInstance> desired, List<ActualInstance> actual,
                                    java.util.Set<InstanceKey> coolingDown) {
        Map<InstanceKey, DesiredInstance> wanted = new HashMap<>();
        desired.forEach(d -> wanted.put(d.key(), d));
        Map<InstanceKey, List<ActualInstance>> running = new HashMap<>();
        var actions = new ArrayList<Action>();

        for (DesiredInstance d : desired) {
            if (d.oneOff() && actual.stream().noneMatch(a -> a.key().equals(d.key()))) {
                actions.add(new Action.Start(d));
            }
        }
        for (ActualInstance a : actual) {
            DesiredInstance want = wanted.get(a.key());
            if (want != null && want.oneOff()) {
                continue; // runs once, however it ends; removed after the control plane drops it
            }
            if (a.state() == ActualInstance.State.EXITED && coolingDown.contains(a.key()) && wanted.containsKey(a.key())) {
                continue;
            }
            if (a.state() == ActualInstance.State.EXITED) {
                actions.add(new Action.Remove(a.containerId(), a.key()));
            } else {
                running.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
            }
        }
        for (DesiredInstance d : desired) {
            if (d.oneOff()) {
                continue;
            }
            List<ActualInstance> inSlot = running.getOrDefault(d.key(), List.of());
            boolean current = inSlot.stream().anyMatch(a -> a.runs(d));
            boolean currentUp = inSlot.stream().anyMatch(a -> a.runs(d) && a.state() == ActualInstance.State.UP);
            if (!current && !coolingDown.contains(d.key())) {
                actions.add(new Action.Start(d));
            }
            for (ActualInstance a : inSlot) {
                if (!a.runs(d) && currentUp) {
                    actions.add(new Action.Stop(a.containerId(), a.key(), a.release() == d.release()
                            ? "restarted" : "replaced by v" + d.release() + " of " + d.key().dyno()));
                }
            }
            inSlot.stream().filter(a -> a.runs(d)).sorted(Comparator.comparing(
                    ActualInstance::containerId)).skip(1).forEach(extra -> actions.add(
                    new Action.Stop(extra.containerId(), extra.key(), "duplicate of " + d.key().dyno())));
        }
        running.forEach((key, containers) -> {
            if (!wanted.containsKey(key)) {
                containers.forEach(a -> actions.add(new Action.Stop(a.containerId(), key, "scaled down")));
            }
        });
        return actions;
    }
}
