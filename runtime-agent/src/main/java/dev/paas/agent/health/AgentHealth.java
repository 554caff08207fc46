package dev.paas.agent.health;

import java.time.Duration;
import java.time.Instant;

/**
 * What the agent's loop last achieved with the control plane, as its health check reads it: the
 * loop says when it registered, completed a pass, or failed to reach the control plane; the
 * verdict is a pure function of that and the time.
 */
public final class AgentHealth {
    private Instant registeredAt;
    private Instant lastPass;
    private Instant failingSince;
    private String lastError;

    /** The health check's answer: healthy or not, and why, in words for an operator. */
    public record Verdict(boolean healthy, String reason) {
    }

    public synchronized void registered(Instant at) {
        registeredAt = at;
        failingSince = null;
    }

    /** A pass listed its slots from the control plane and converged the containers to them. */
    public synchronized void passed(Instant at) {
        lastPass = at;
        failingSince = null;
    }

    /** The control plane could not be reached, or refused; the first failure in a row is kept. */
    public synchronized void failing(Instant at, String error) {
        if (failingSince == null) {
            failingSince = at;
        }
        lastError = error;
    }

    /**
     * Healthy once registered, while the control plane answers and a pass completed within
     * {@code staleAfter}: a loop wedged in a pass (an engine that hangs) stops being healthy then.
     */
    public synchronized Verdict verdict(Instant now, Duration staleAfter) {
        if (registeredAt == null) {
            return new Verdict(false, failingSince == null ? "not registered with the control plane yet"
                    : "not registered: control plane unreachable since " + failingSince + " (" + lastError + ")");
        }
        if (failingSince != null) {
            return new Verdict(false, "control plane unreachable since " + failingSince + " (" + lastError + ")");
        }
        Instant since = lastPass == null ? registeredAt : lastPass;
        if (since.plus(staleAfter).isBefore(now)) {
            return new Verdict(false, (lastPass == null ? "no pass completed since registering at "
                    : "no pass completed since ") + since + " (expected within " + staleAfter.toSeconds() + " s)");
        }
        if (lastPass == null) {
            return new Verdict(false, "registered at " + registeredAt + "; the first pass has not completed yet");
        }
        return new Verdict(true, "registered; last pass completed at " + lastPass);
    }
}
