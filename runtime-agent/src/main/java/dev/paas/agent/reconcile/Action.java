package dev.paas.agent.reconcile;

/** A step that brings the host closer to the desired state. */
public sealed interface Action {

    /** Create and start a container for the slot. */
    record Start(DesiredInstance instance) implements Action {
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    record Stop(String containerId, InstanceKey key, String reason) implements Action {
    }

    /** Delete a container whose process has ended. */
    record Remove(String containerId, InstanceKey key) implements Action {
    }
}
