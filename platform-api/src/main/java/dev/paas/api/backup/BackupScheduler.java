package dev.paas.api.backup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's own timer of backups: daily captures, retention, overdue jobs ({@link ScheduleService#tick}). */
public final class BackupScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
    private final ScheduleService schedules;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backup-scheduler").daemon().factory());

    public BackupScheduler(ScheduleService schedules, Duration every) {
        this.schedules = schedules;
        this.every = every;
    }

    public BackupScheduler start() {
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void tick() {
        try {
            schedules.tick();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"backup schedule pass failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
