package dev.paas.agent.reconcile;

import dev.paas.client.ProcessState;
import java.time.Instant;

/**
 * A container found on the host, identified by its labels.
 *
 * @param state     {@code STARTING} until its port accepts connections (or at once for non-web), then {@code UP};
 *                  {@code EXITED} once its process ended
 * @param startedAt when its process started; null when unknown, and then it never times out booting
 */
public record ActualInstance(String containerId, InstanceKey key, int release, State state, int generation,
                             Instant startedAt) {

    public ActualInstance(String containerId, InstanceKey key, int release, State state) {
        this(containerId, key, release, state, 0);
    }

    public ActualInstance(String containerId, InstanceKey key, int release, State state, int generation) {
        this(containerId, key, release, state, generation, null);
    }

    /** Runs what {@code d} asks for: its release, at its slot's latest restart. */
    public boolean runs(DesiredInstance d) {
        return release == d.release() && generation == d.generation();
    }

    /**
     * The one mapping to the control plane's process states: an ended one-off is {@code down}
     * (its run is over), any other ended process {@code crashed}.
     */
    public ProcessState processState() {
        return processState(key, state);
    }

    public static ProcessState processState(InstanceKey key, State state) {
        return switch (state) {
            case STARTING -> ProcessState.STARTING;
            case UP -> ProcessState.UP;
            case EXITED -> key.oneOff() ? ProcessState.DOWN : ProcessState.CRASHED;
        };
    }

    public enum State { STARTING, UP, EXITED }
}
