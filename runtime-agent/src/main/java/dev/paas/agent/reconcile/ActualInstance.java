package dev.paas.agent.reconcile;

/**
 * A container found on the host, identified by its labels.
 *
 * @param state {@code STARTING} until its port accepts connections (or at once for non-web), then {@code UP};
 *              {@code EXITED} once its process ended
 */
public record ActualInstance(String containerId, InstanceKey key, int release, State state, int generation) {

    public ActualInstance(String containerId, InstanceKey key, int release, State state) {
        this(containerId, key, release, state, 0);
    }

    /** Runs what {@code d} asks for: its release, at its slot's latest restart. */
    public boolean runs(DesiredInstance d) {
        return release == d.release() && generation == d.generation();
    }

    public enum State { STARTING, UP, EXITED }
}
