package dev.paas.agent.converge;

import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Says each process's state change once in its app's log, as Heroku does, and follows new containers' output. */
final class StateLog {
    private final ProcessLog log;
    private final LogFollows follows;
    private final Map<String, ActualInstance.State> lastStates = new HashMap<>();

    StateLog(ProcessLog log, LogFollows follows) {
        this.log = log;
        this.follows = follows;
    }

    void record(List<Observed> observed) {
        for (Observed o : observed) {
            var a = o.instance();
            if (a.state() != ActualInstance.State.EXITED && !follows.following(a.containerId())) {
                // Adopted after an agent restart: its earlier lines were shipped by the agent before.
                follows.follow(a.containerId(), a.key(), Instant.now());
            }
            var before = lastStates.put(a.containerId(), a.state());
            if (before != null && before != a.state()) {
                if (a.state() == ActualInstance.State.EXITED) {
                    follows.drain(a.containerId()); // its last words come before the news of its end
                    if (o.reason() != null) {
                        log.platform(a.key(), "Process crashed: " + o.reason());
                    }
                    log.platform(a.key(), "Process exited with status " + o.exitCode());
                }
                log.platform(a.key(), "State changed from " + word(a.key(), before) + " to "
                        + word(a.key(), a.state()));
            }
        }
    }

    void started(String containerId) {
        lastStates.put(containerId, ActualInstance.State.STARTING);
    }

    void gone(String containerId) {
        lastStates.remove(containerId);
    }

    /** A start the engine refused: the slot crashed (a one-off's run is over) without a container. */
    void failedStart(DesiredInstance d, String reason) {
        log.platform(d.key(), "Process failed to start: " + reason);
        if (d.oneOff()) {
            log.platform(d.key(), "Process exited with status " + StartFailures.EXIT_CODE);
        }
        log.platform(d.key(), "State changed from starting to " + word(d.key(), ActualInstance.State.EXITED));
    }

    /** Heroku's log says an ended one-off is complete (the state its control plane gives it). */
    private static String word(InstanceKey key, ActualInstance.State state) {
        return key.oneOff() && state == ActualInstance.State.EXITED ? "complete"
                : ActualInstance.processState(key, state).wire();
    }
}
