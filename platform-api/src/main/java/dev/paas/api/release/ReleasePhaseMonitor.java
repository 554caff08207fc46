package dev.paas.api.release;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles release phases: those whose one-off an agent reported ended, and those past their timeout. A pass is
 * one indexed query when nothing is pending, so it runs often: a push waits on its outcome.
 */
public final class ReleasePhaseMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasePhaseMonitor.class);
    private final ReleasePhase phase;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("release-phase-monitor").daemon().factory());

    public ReleasePhaseMonitor(ReleasePhase phase, Duration every) {
        this.phase = phase;
        this.every = every;
    }

    public ReleasePhaseMonitor start() {
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void check() {
        try {
            phase.settle();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"release phase check failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
