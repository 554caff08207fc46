package dev.paas.api.backup;

import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.log.PlatformLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily captures: users set and remove an add-on's schedule; {@link #tick} (the API's own timer) starts
 * the captures due, deletes scheduled backups past their retention, and fails jobs overdue (an agent
 * lost mid-way), so none stays running for good.
 */
public final class ScheduleService {
    static final int DEFAULT_RETAIN = 7;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    private final Transactions transactions;
    private final BackupService service;
    private final BackupJobService jobs;
    private final BackupStore store;
    private final PlatformLog log;
    private final BackupRepository backups = new BackupRepository();
    private final Clock clock;
    private final Duration jobTimeout;

    public ScheduleService(Transactions transactions, BackupService service, BackupJobService jobs, BackupStore store,
                           PlatformLog log, Clock clock, Duration jobTimeout) {
        this.transactions = transactions;
        this.service = service;
        this.jobs = jobs;
        this.store = store;
        this.log = log;
        this.clock = clock;
        this.jobTimeout = jobTimeout;
    }

    ScheduleRow schedule(User user, BackupAddon addon, Integer hourUtc, Integer retain) {
        if (hourUtc == null || hourUtc < 0 || hourUtc > 23) {
            throw ApiFailure.invalid("Give 'hour_utc', the hour of the daily capture from 0 to 23 (UTC)"
                    + (hourUtc == null ? "." : ", got " + hourUtc + "."));
        }
        int keep = retain == null ? DEFAULT_RETAIN : retain;
        if (keep < 1 || keep > 90) {
            throw ApiFailure.invalid("'retain' is how many scheduled backups to keep, from 1 to 90, got " + keep + ".");
        }
        transactions.run(tx -> {
            backups.saveSchedule(tx.dsl(), addon.id(), hourUtc, keep);
            log.say(tx, addon.appId(), "Scheduled daily backups of " + addon.name() + " at "
                    + String.format("%02d:00 UTC", hourUtc) + ", keeping " + keep + ", by user " + user.email());
        });
        return backups.schedules(transactions.dsl(), List.of(addon.id())).getFirst();
    }

    void unschedule(User user, BackupAddon addon) {
        transactions.run(tx -> {
            if (!backups.deleteSchedule(tx.dsl(), addon.id())) {
                throw ApiFailure.notFound(addon.name() + " has no backup schedule. See `paas pg:backups:schedules -a "
                        + addon.appName() + "`.");
            }
            log.say(tx, addon.appId(), "Stopped daily backups of " + addon.name() + " by user " + user.email());
        });
    }

    List<ScheduleRow> schedules(AppRow app) {
        return backups.schedules(transactions.dsl(), backups.postgresOf(transactions.dsl(), app.id()));
    }

    java.util.Optional<ScheduleRow> scheduleOf(BackupAddon addon) {
        return backups.schedules(transactions.dsl(), List.of(addon.id())).stream().findFirst();
    }

    /** One round of the timer; each schedule on its own, so that one failing does not stop the others. */
    public void tick() {
        var now = clock.instant();
        jobs.failOverdue(now.minus(jobTimeout).atOffset(java.time.ZoneOffset.UTC));
        for (ScheduleRow s : backups.schedules(transactions.dsl(), null)) {
            try {
                var addon = backups.addon(transactions.dsl(), s.addonId().toString()).orElse(null);
                if (addon != null && BackupSchedule.due(s.hourUtc(), s.createdAt(),
                        backups.lastScheduled(transactions.dsl(), s.addonId()).orElse(null), now)) {
                    service.capture(addon, BackupRow.SCHEDULED, null, "on its daily schedule");
                }
                prune(s);
            } catch (ApiFailure e) {
                LOG.warn("at=warn msg=\"scheduled backup skipped\" addon={} reason=\"{}\"", s.addonName(),
                        e.getMessage());
            }
        }
    }

    private void prune(ScheduleRow s) {
        for (BackupRow old : BackupSchedule.expired(backups.scheduledOf(transactions.dsl(), s.addonId()), s.retain())) {
            transactions.run(tx -> {
                backups.lockAddon(tx.dsl(), s.addonId());
                service.remove(tx, old);
                log.say(tx, s.appId(), "Deleted backup " + old.name() + " of " + s.addonName()
                        + ": past the schedule's " + s.retain() + " kept");
            });
            store.delete(old.id());
        }
    }
}
