package dev.paas.agent.reconcile;

import java.time.Duration;
import java.util.List;

/**
 * One health check of a process (app.json's {@code healthchecks}, Dokku's format): it checks exactly
 * one of an HTTP {@code path} (2xx or 3xx passes; the body must hold {@code content} when given), a
 * {@code command} run in the container (exit 0 passes) or that the port is {@code listening}. It is
 * first run {@code initialDelay} after the process started, then {@code interval} (app.json's {@code wait}) after each run; {@code attempts}
 * failures in a row fail it.
 */
public record HealthCheck(Phase phase, String name, String path, String content, List<String> command,
                          boolean listening, int attempts, Duration timeout, Duration interval, Duration initialDelay) {

    public HealthCheck {
        command = command == null ? null : List.copyOf(command);
        attempts = Math.max(1, attempts);
    }

    /** When a check runs and what its failing does. */
    public enum Phase {
        /** Until it passes once: the process is not up; failing it crashes the process. */
        STARTUP,
        /** Always: the process is up (routable) only while it passes. */
        READINESS,
        /** Once up: failing it replaces the process. */
        LIVENESS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What it checks, for reasons in logs: {@code GET /health}, {@code command `test -f x`}, {@code listening}. */
    public String what() {
        if (path != null) {
            return "GET " + path;
        }
        if (command != null) {
            return "command `" + String.join(" ", command) + "`";
        }
        return "listening on $PORT";
    }

    /** The longest a startup check may take before it has either passed or failed for good. */
    public Duration budget() {
        return initialDelay.plus(timeout.plus(interval).multipliedBy(attempts));
    }

    /**
     * How long the process is given to come up: the boot timeout counts only after its startup and
     * readiness checks have had their whole budget, so that none is cut short.
     */
    public static Duration startupBudget(List<HealthCheck> checks) {
        return checks.stream().filter(c -> c.phase() != Phase.LIVENESS).map(HealthCheck::budget)
                .reduce(Duration.ZERO, Duration::plus);
    }
}
