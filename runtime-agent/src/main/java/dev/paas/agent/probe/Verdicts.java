package dev.paas.agent.probe;

import dev.paas.agent.reconcile.Health;
import dev.paas.agent.reconcile.HealthCheck;
import java.util.List;

/** Pure: what a container's checks' tallies mean for it. Tested with a table. */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * A startup or liveness check with {@code attempts} failures in a row fails the process; it is
     * ready once every startup check passed once and every readiness check passed and has not failed
     * {@code attempts} times in a row since; ready once, it is up, and later only not ready.
     *
     * @param checks  the container's checks, in the order of {@code tallies}
     * @param wasUp   it was ready before
     */
    static Health judge(List<HealthCheck> checks, List<Tally> tallies, boolean wasUp) {
        boolean ready = true;
        for (int i = 0; i < checks.size(); i++) {
            var check = checks.get(i);
            var tally = tallies.get(i);
            boolean failedOut = tally.failuresInRow() >= check.attempts();
            switch (check.phase()) {
                case STARTUP -> {
                    if (failedOut && !tally.passedOnce()) {
                        return new Health(Health.Verdict.STARTUP_FAILED, reason(check, tally), wasUp);
                    }
                    ready &= tally.passedOnce();
                }
                case READINESS -> ready &= tally.passedOnce() && !failedOut;
                case LIVENESS -> {
                    if (failedOut) {
                        return new Health(Health.Verdict.LIVENESS_FAILED, reason(check, tally), wasUp);
                    }
                }
            }
        }
        if (ready) {
            return new Health(Health.Verdict.PASSING, null, true);
        }
        return wasUp ? new Health(Health.Verdict.NOT_READY, null, true) : Health.PENDING;
    }

    /** Such as {@code health check failed: startup GET /health returned 500 (3 attempts)}. */
    static String reason(HealthCheck check, Tally tally) {
        return "health check failed: " + check.phase().word() + " " + (check.name() == null ? "" : "'" + check.name()
                + "' ") + check.what() + " " + tally.lastFailure() + " (" + tally.failuresInRow() + " attempts)";
    }
}
