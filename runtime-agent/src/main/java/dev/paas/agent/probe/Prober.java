package dev.paas.agent.probe;

import dev.paas.agent.reconcile.Health;
import dev.paas.agent.reconcile.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health checks of this host's containers off the pass thread: each check of a tracked
 * container on a virtual thread of its own, so a slow check delays nothing but itself. A pass reads
 * where each container stands ({@link #health}); a change of that wakes a pass ({@code changed}).
 *
 * <p>A check first runs {@code initialDelay} after its container started, then again {@code wait}
 * after each run: a startup check until it passes (or fails all its attempts), a readiness check
 * always, a liveness check once the container's startup and readiness checks have passed. Checks of
 * one container run side by side, not one after the other.
 */
public final class Prober implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);
    /** However short a check's wait: a check that keeps running never spins. */
    private static final Duration LEAST_WAIT = Duration.ofMillis(200);
    private final Probes probes;
    private final Runnable changed;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    public Prober(Probes probes, Runnable changed) {
        this.probes = probes;
        this.changed = changed;
    }

    /**
     * Starts checking the container, unless it is checked already; {@code startedAt} null means now.
     *
     * @param adopted it ran before this agent did: it passed its startup and readiness checks under the
     *                agent before (or that agent would have killed it), so it stays up while its
     *                readiness checks pass, and is not taken out of rotation to be checked anew
     */
    public void track(Target target, List<HealthCheck> checks, Instant startedAt, boolean adopted) {
        if (checks.isEmpty()) {
            return;
        }
        watches.computeIfAbsent(target.containerId(), id -> new Watch(target, List.copyOf(checks),
                startedAt == null ? Instant.now() : startedAt, adopted)).start();
    }

    /** Where the container's checks stand; empty when it is not tracked (it has no checks). */
    public Optional<Health> health(String containerId) {
        return Optional.ofNullable(watches.get(containerId)).map(Watch::health);
    }

    /** Stops checking every container but these. */
    public void retain(Set<String> containerIds) {
        watches.entrySet().removeIf(e -> {
            if (containerIds.contains(e.getKey())) {
                return false;
            }
            e.getValue().stop();
            return true;
        });
    }

    @Override
    public void close() {
        retain(Set.of());
    }

    private final class Watch {
        private final Target target;
        private final List<HealthCheck> checks;
        private final Instant startedAt;
        private final Tally[] tallies;
        private final List<Thread> threads = new ArrayList<>();
        private Health health;
        private volatile boolean stopped;

        Watch(Target target, List<HealthCheck> checks, Instant startedAt, boolean adopted) {
            this.target = target;
            this.checks = checks;
            this.startedAt = startedAt;
            this.tallies = new Tally[checks.size()];
            for (int i = 0; i < tallies.length; i++) {
                tallies[i] = adopted && checks.get(i).phase() != HealthCheck.Phase.LIVENESS
                        ? Tally.NONE.with(Outcome.PASSED) : Tally.NONE;
            }
            // Before any check ran: pending, or passing at once for a process with liveness checks only.
            this.health = Verdicts.judge(checks, List.of(tallies), false);
        }

        synchronized void start() {
            if (!threads.isEmpty()) {
                return;
            }
            for (int i = 0; i < checks.size(); i++) {
                int index = i;
                threads.add(Thread.ofVirtual().name("probe-" + target.containerId().substring(0, 12) + "-" + i)
                        .start(() -> run(index)));
            }
        }

        synchronized Health health() {
            return health;
        }

        void stop() {
            stopped = true;
            synchronized (this) {
                threads.forEach(Thread::interrupt);
            }
        }

        private void run(int index) {
            var check = checks.get(index);
            try {
                sleep(Duration.between(Instant.now(), startedAt.plus(check.initialDelay())));
                while (!stopped) {
                    Health now = health();
                    if (now.failed()) {
                        return;
                    }
                    if (check.phase() == HealthCheck.Phase.LIVENESS && !now.wasUp()) {
                        sleep(LEAST_WAIT);
                        continue;
                    }
                    var outcome = probes.run(check, target);
                    if (stopped) {
                        return;
                    }
                    record(index, outcome);
                    if (check.phase() == HealthCheck.Phase.STARTUP && outcome.passed()) {
                        return;
                    }
                    sleep(check.interval().compareTo(LEAST_WAIT) > 0 ? check.interval() : LEAST_WAIT);
                }
            } catch (InterruptedException stop) {
                // the container is gone or the agent stops
            } catch (RuntimeException e) {
                LOG.warn("at=error msg=\"health check stopped on an agent error\" container={} check={}",
                        target.containerId(), check.what(), e);
            }
        }

        private void record(int index, Outcome outcome) {
            Health before;
            Health after;
            synchronized (this) {
                tallies[index] = tallies[index].with(outcome);
                before = health;
                health = Verdicts.judge(checks, List.of(tallies), health.wasUp());
                after = health;
            }
            if (!after.equals(before)) {
                LOG.info("at=info msg=\"health changed\" container={} verdict={} reason=\"{}\"",
                        target.containerId().substring(0, 12), after.verdict(), after.reason());
                changed.run();
            }
        }

        private static void sleep(Duration d) throws InterruptedException {
            if (d.isPositive()) {
                Thread.sleep(d);
            }
        }
    }
}
