package dev.paas.agent.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure heart of the agent: compares what should run with what runs and returns the actions,
 * with no I/O and time as an input, so that it is tested with tables and is idempotent by construction.
 *
 * <p>Zero downtime: in a slot that moves to a new release, the old container keeps running
 * until the new one is {@code UP}; only then is the old one stopped, and a web process first
 * drains (see {@link Action.Drain}).
 *
 * <p>Every stop comes before any start: an agent back from a time cut off from the control plane
 * first ends its copies of the slots that moved to other hosts meanwhile (they are no longer desired
 * here, and a moved slot's process is of a newer generation: the fence), so no worker runs twice
 * once it is back, and only then starts what is new.
 *
 * <p>One-off processes start when no container of theirs exists and are then left alone, running
 * or ended, while desired; once no longer desired, they are stopped or removed like any other.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public static List<Action> diff(List<DesiredInstance> desired, List<ActualInstance> actual) {
        return diff(desired, actual, Facts.TIMELESS);
    }

    /** As above, but slots in {@code coolingDown} are left alone (see {@link Facts#coolingDown()}). */
    public static List<Action> diff(List<DesiredInstance> desired, List<ActualInstance> actual,
                                    Set<InstanceKey> coolingDown) {
        return diff(desired, actual, Facts.TIMELESS.coolingDown(coolingDown));
    }

    public static List<Action> diff(List<DesiredInstance> desired, List<ActualInstance> actual, Facts facts) {
        Map<InstanceKey, DesiredInstance> wanted = new HashMap<>();
        desired.forEach(d -> wanted.put(d.key(), d));
        Map<InstanceKey, List<ActualInstance>> running = new HashMap<>();
        var actions = new ArrayList<Action>();
        // Killed for its boot timeout, it still holds its slot this pass: its crash, seen by the next
        // pass, decides (with the crash cool-off) when the slot starts again.
        var killed = new HashSet<String>();

        for (DesiredInstance d : desired) {
            if (d.oneOff() && actual.stream().noneMatch(a -> a.key().equals(d.key()))) {
                actions.add(new Action.Start(d));
            }
        }
        for (ActualInstance a : actual) {
            Health health = facts.health(a.containerId());
            if (a.state() != ActualInstance.State.EXITED && health != null && health.failed()) {
                // A failed startup check is the process's crash; a failed liveness check too: it is
                // replaced through the crash restart, with the crash cool-off.
                actions.add(new Action.Kill(a.containerId(), a.key(), health.reason()));
                killed.add(a.containerId());
            } else if (bootTimedOut(a, wanted.get(a.key()), facts)) {
                actions.add(new Action.Kill(a.containerId(), a.key(), "boot timeout (R10: did not bind to $PORT "
                        + "within " + bootTimeout(a, wanted.get(a.key()), facts).toSeconds() + " s)"));
                killed.add(a.containerId());
            }
            DesiredInstance want = wanted.get(a.key());
            if (want != null && want.oneOff()) {
                continue; // runs once, however it ends; removed after the control plane drops it
            }
            if (a.state() == ActualInstance.State.EXITED && facts.coolingDown().contains(a.key()) && want != null) {
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
            if (!current && !facts.coolingDown().contains(d.key())) {
                actions.add(new Action.Start(d));
            }
            for (ActualInstance a : inSlot) {
                if (!a.runs(d) && currentUp) {
                    leave(actions, a, a.release() == d.release()
                            ? "restarted" : "replaced by v" + d.release() + " of " + d.key().dyno(), facts, killed);
                }
            }
            inSlot.stream().filter(a -> a.runs(d)).sorted(Comparator.comparing(ActualInstance::containerId)).skip(1)
                    .forEach(extra -> leave(actions, extra, "duplicate of " + d.key().dyno(), facts, killed));
        }
        running.forEach((key, containers) -> {
            if (!wanted.containsKey(key)) {
                containers.forEach(a -> leave(actions, a, "scaled down", facts, killed));
            }
        });
        return stopsFirst(actions);
    }

    /** Stable: the order within the stops, and within the starts, stays as decided. */
    private static List<Action> stopsFirst(List<Action> actions) {
        var ordered = new ArrayList<Action>(actions.size());
        actions.stream().filter(a -> !(a instanceof Action.Start)).forEach(ordered::add);
        actions.stream().filter(a -> a instanceof Action.Start).forEach(ordered::add);
        return ordered;
    }

    /**
     * Booting is over once the process was up: a process up before that a readiness check takes out
     * of rotation again is not killed for it (only a liveness check kills a process that booted).
     */
    private static boolean bootTimedOut(ActualInstance a, DesiredInstance want, Facts facts) {
        Health health = facts.health(a.containerId());
        return a.state() == ActualInstance.State.STARTING && a.startedAt() != null
                && (health == null || !health.wasUp())
                && a.startedAt().plus(bootTimeout(a, want, facts)).isBefore(facts.now());
    }

    /** The boot timeout, or longer when the process's startup and readiness checks need longer to run out. */
    private static java.time.Duration bootTimeout(ActualInstance a, DesiredInstance want, Facts facts) {
        var budget = want != null && a.runs(want) ? HealthCheck.startupBudget(want.checks()) : java.time.Duration.ZERO;
        return budget.compareTo(facts.bootTimeout()) > 0 ? budget : facts.bootTimeout();
    }

    private static void leave(List<Action> actions, ActualInstance a, String reason, Facts facts,
                              Set<String> killed) {
        if (!killed.contains(a.containerId())) {
            actions.add(stop(a, reason, facts));
        }
    }

    /**
     * A web process stops only once its drain has passed, counted from when routers were told it
     * leaves (or from now, when it is first asked): until then it finishes its in-flight requests.
     */
    private static Action stop(ActualInstance a, String reason, Facts facts) {
        if (a.key().web() && facts.drain().isPositive()) {
            var notice = facts.notices().get(a.containerId());
            Instant until = (notice == null ? facts.now() : notice.drainFrom()).plus(facts.drain());
            if (until.isAfter(facts.now())) {
                return new Action.Drain(a.containerId(), a.key(), reason, until);
            }
        }
        return new Action.Stop(a.containerId(), a.key(), reason);
    }
}
