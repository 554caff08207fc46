package dev.paas.agent.converge;

import dev.paas.agent.reconcile.ActualInstance;
import java.time.Instant;

/**
 * An instance as found, with the host port its web process is published on, and why it crashed
 * when its exit code does not say (out of memory, boot timeout, a failed start). {@code since} is
 * when it entered its state: its container's start, or its end once exited.
 */
public record Observed(ActualInstance instance, Integer hostPort, Integer exitCode, String reason, Instant since,
                       String ip) {

    public Observed(ActualInstance instance, Integer hostPort, Integer exitCode, String reason, Instant since) {
        this(instance, hostPort, exitCode, reason, since, null);
    }

    /** The same, in another state: what its health checks make of it (see {@link dev.paas.agent.reconcile.Health#state}). */
    Observed in(ActualInstance.State state) {
        var a = instance;
        return new Observed(new ActualInstance(a.containerId(), a.key(), a.release(), state, a.generation(),
                a.startedAt()), hostPort, exitCode, reason, since, ip);
    }
}
