package dev.paas.agent.reconcile;

/**
 * What a container's health checks found so far, as the diff and the state mapping need it.
 *
 * @param verdict where its checks stand
 * @param reason  which check failed and how, for {@code STARTUP_FAILED} and {@code LIVENESS_FAILED}
 * @param wasUp   its startup and readiness checks all passed once: it booted, so the boot timeout is
 *                behind it, even while a failing readiness check keeps it out of rotation again
 */
public record Health(Verdict verdict, String reason, boolean wasUp) {

    /** Checks not run yet: a process with checks is not up before they pass. */
    public static final Health PENDING = new Health(Verdict.PENDING, null, false);

    public enum Verdict {
        /** Its startup or readiness checks have not all passed yet. */
        PENDING,
        /** Startup and readiness checks pass. */
        PASSING,
        /** Up once, but a readiness check fails now: out of rotation until it passes again. */
        NOT_READY,
        /** A startup check failed all its attempts: the process is crashed. */
        STARTUP_FAILED,
        /** A liveness check failed all its attempts: the process is replaced. */
        LIVENESS_FAILED
    }

    /**
     * The one rule for the state of a running process with checks: up only when what the port says
     * and what the checks say both allow it. A process without checks keeps the port's word.
     */
    public static ActualInstance.State state(ActualInstance.State byPort, Health health) {
        if (byPort != ActualInstance.State.UP || health == null) {
            return byPort;
        }
        return health.verdict() == Verdict.PASSING || health.verdict() == Verdict.LIVENESS_FAILED
                ? ActualInstance.State.UP : ActualInstance.State.STARTING;
    }

    /** Failed for good: the process is to be killed, with {@link #reason()}. */
    public boolean failed() {
        return verdict == Verdict.STARTUP_FAILED || verdict == Verdict.LIVENESS_FAILED;
    }
}
