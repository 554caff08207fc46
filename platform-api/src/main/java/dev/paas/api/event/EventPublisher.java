package dev.paas.api.event;

import static dev.paas.api.db.Schema.Events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the event log. Writers insert their events with no position and commit; a round of this
 * publisher then gives every committed, unpublished event the next position, in insertion order, and
 * NOTIFYs once. Rounds of all API processes take {@link #ORDERING_LOCK} and hold it through their commit,
 * so positions become visible in order: a reader who has read up to position N never misses an N-1
 * published later. Only rounds are serialised, not the writers: writers' commits share WAL flushes
 * again, and one round publishes whatever many writers committed meanwhile.
 *
 * <p>In this process one round runs at a time, on the thread of a writer that waits for it; the others
 * wait for the round after the one running, since that one may have looked before they committed. A
 * process that dies between a commit and its round loses nothing: {@link #start} publishes what is
 * left over at start-up and then every {@code every}, whoever left it.
 */
public final class EventPublisher implements AutoCloseable {
    static final long ORDERING_LOCK = 0x7061617365766e74L; // "paasevnt"
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /**
     * Publishes, then NOTIFYs with the last position if it published anything or is asked to (the bind). With
     * nothing to publish it writes nothing, so an empty round costs no commit flush.
     */
    private static final String ROUND = """
            with pending as (
                select id, row_number() over (order by id) as n from events where position is null),
            taken as (
                update event_positions set last = last + (select count(*) from pending)
                where exists (select from pending)
                returning last - (select count(*) from pending) as base),
            published as (
                update events e set position = taken.base + pending.n
                from pending, taken where e.id = pending.id
                returning e.position)
            select pg_notify('paas_events', coalesce(max(position), 0)::text) from published
            having count(*) > 0 or ?""";
    private final DSLContext dsl;
    private final Object monitor = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("event-publisher").daemon().factory());
    /** Rounds started and finished in this process; one runs while they differ. */
    private long started;
    private long finished;
    /** Whether a round to come must NOTIFY even if it publishes nothing: log lines were written. */
    private boolean wake;

    public EventPublisher(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Publishes what is left over now, then every {@code every}. */
    public EventPublisher start(Duration every) {
        timer.scheduleWithFixedDelay(this::leftOvers, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Returns once a round that started after this call has ended: everything committed before the call is
     * published. {@code wake}: NOTIFY even if there is no event (log lines, which followers read by id).
     */
    public void awaitPublished(boolean wake) {
        long target;
        synchronized (monitor) {
            this.wake |= wake;
            target = started + 1;
        }
        while (true) {
            long round;
            boolean notify;
            synchronized (monitor) {
                while (finished < target && started != finished) {
                    if (!waitForRound()) {
                        return;
                    }
                }
                if (finished >= target) {
                    return;
                }
                round = ++started;
                notify = this.wake;
                this.wake = false;
            }
            // The round runs outside the monitor: writers that commit meanwhile queue for the next one.
            try {
                round(notify);
            } finally {
                synchronized (monitor) {
                    finished = round;
                    monitor.notifyAll();
                }
            }
        }
    }

    /** False when interrupted: the caller's work is committed, the timer's round publishes its events. */
    private boolean waitForRound() {
        try {
            monitor.wait();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void round(boolean notify) {
        try {
            dsl.transaction(cfg -> {
                var tx = cfg.dsl();
                tx.fetch("select pg_advisory_xact_lock(?)", ORDERING_LOCK);
                // A statement of its own, after the lock: its snapshot sees the last round's positions.
                tx.fetch(ROUND, notify);
            });
        } catch (RuntimeException e) {
            // The writers' work is committed; its events wait for the next round (at the latest the timer's).
            LOG.warn("at=warn msg=\"publishing events failed; the next round publishes them\" error=\"{}\"",
                    e.getMessage());
        }
    }

    private void leftOvers() {
        try {
            if (dsl.fetchExists(dsl.selectOne().from(Events.T).where(Events.POSITION.isNull()))) {
                awaitPublished(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"looking for unpublished events failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
