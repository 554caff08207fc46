package dev.paas.agent.reconcile;

/**
 * A container found on the host, identified by its labels.
 *
 * @param state {@code STARTING} until its port accepts connections (or at once for non-web), then {@code UP};
 *              {@code EXITED} once its process ended
 */
public record ActualInstance(String containerId, InstanceKey key, int release, State state) {

    public enum State { STARTING, UP, EXITED }
}
