package dev.paas.agent.reconcile;

import java.time.Instant;

/** A step that brings the host closer to the desired state. */
public sealed interface Action {

    /** The slot it acts on. */
    InstanceKey key();

    /** Create and start a container for the slot. */
    record Start(DesiredInstance instance) implements Action {
        @Override
        public InstanceKey key() {
            return instance.key();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    record Stop(String containerId, InstanceKey key, String reason) implements Action {
    }

    /**
     * Not yet: a web process that is to stop keeps serving until {@code until}, while routers take
     * it out of rotation; a pass is due then, to stop it.
     */
    record Drain(String containerId, InstanceKey key, String reason, Instant until) implements Action {
    }

    /** SIGKILL at once, no grace: the process failed in a way that counts as its crash. */
    record Kill(String containerId, InstanceKey key, String reason) implements Action {
    }

    /** Delete a container whose process has ended. */
    record Remove(String containerId, InstanceKey key) implements Action {
    }
}
