package dev.paas.api.event;

import static dev.paas.api.db.Schema.Events;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * <p>A round looks for unpublished events from the lowest id its writers inserted (each writer's events come
 * back with their ids), not from the table's start: the partial index of unpublished events keeps the entry of
 * every event published since the last vacuum (a position is an indexed column, so publishing is no HOT update),
 * and a scan from its start read through all of them (55-191 index pages a round under a sustained config:set
 * load, which made the round, serialised, the largest cost of a release). The periodic pass still looks from the
 * start, for what a writer of any process left behind.
 *
 * <p>In this process rounds run one at a time on a thread of their own: a writer asks for the round to
 * come and waits for it to end, and every writer that asks while a round runs shares the next one, so
 * each waiting writer is woken once, by its round's end. (Writers used to run the rounds themselves and
 * be woken all at once by each round's end: under load a tenth of a config:set's API CPU went to
 * contending for that wake-up.) A process that dies between a commit and its round loses nothing:
 * {@link #start} publishes what is left over at start-up and then every {@code every}, whoever left it.
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
                select id, row_number() over (order by id) as n from events where position is null and id >= ?),
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
    /**
     * The lock, the round and the commit: one round trip. The round with its generic plan (the partial index of
     * unpublished events, from the id given): left to choose, Postgres planned a quarter of the rounds anew.
     */
    private static final String ROUND_IN_ITS_TRANSACTION = "select pg_advisory_xact_lock(?), "
            + "set_config('plan_cache_mode', 'force_generic_plan', true);\n" + ROUND + ";\ncommit";
    private static final long FROM_START = 0;
    private final DSLContext dsl;
    private final Object monitor = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("event-publisher").daemon().factory());
    /** Ends when the round to come ends: the writers who asked since the last round started wait for it. */
    private CompletableFuture<Void> next = new CompletableFuture<>();
    /** Whether a writer waits for {@link #next}. */
    private boolean asked;
    /** Whether the round to come must NOTIFY even if it publishes nothing: log lines were written. */
    private boolean wake;
    /** The lowest event id the round to come must look from: the least its writers inserted. */
    private long from = Long.MAX_VALUE;
    private Thread rounds;
    private boolean closed;

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
        awaitPublished(wake, FROM_START);
    }

    /**
     * As {@link #awaitPublished(boolean)}, for a writer whose events' ids are {@code from} or more: events committed
     * before the call from that id on are published (Long.MAX_VALUE: the writer wrote none).
     */
    public void awaitPublished(boolean wake, long from) {
        await(published(wake, from));
    }

    /** Returns once {@code round} (what {@link #published} returned) has ended. */
    static void await(CompletableFuture<Void> round) {
        try {
            round.get();
        } catch (InterruptedException e) {
            // The caller's work is committed; the round publishes its events all the same.
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a round of the event publisher failed", e.getCause());
        }
    }

    /**
     * As {@link #awaitPublished(boolean, long)}, without the wait: asks for the round and returns what completes when
     * it has ended. A {@link GroupCommit} answers its writers from there, so that each writer waits once (for its
     * answer), not twice (for its commit, then for the round).
     */
    CompletableFuture<Void> published(boolean wake, long from) {
        synchronized (monitor) {
            if (!closed) {
                this.wake |= wake;
                this.from = Math.min(this.from, from);
                asked = true;
                if (rounds == null) {
                    rounds = Thread.ofPlatform().name("event-rounds").daemon().start(this::runRounds);
                }
                monitor.notifyAll();
                return next; // taken before the rounds' thread swaps it: a round that starts after this call
            }
        }
        round(wake, from); // closed: on the caller's thread (rounds of all processes take turns on the lock anyway)
        return CompletableFuture.completedFuture(null);
    }

    /** The rounds' thread: one round per batch of writers who asked, until closed. */
    private void runRounds() {
        try {
            runRoundsUntilClosed();
        } finally {
            synchronized (monitor) {
                // Should it die of an Error, writers who asked meanwhile get a thread of their own.
                rounds = asked && !closed ? Thread.ofPlatform().name("event-rounds").daemon().start(this::runRounds)
                        : null;
            }
        }
    }

    private void runRoundsUntilClosed() {
        while (true) {
            CompletableFuture<Void> round;
            boolean notify;
            long scanFrom;
            synchronized (monitor) {
                while (!asked && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed) {
                    next.complete(null);
                    return;
                }
                round = next;
                next = new CompletableFuture<>();
                notify = wake;
                wake = false;
                scanFrom = from;
                from = Long.MAX_VALUE;
                asked = false;
            }
            // Outside the monitor: writers that commit meanwhile ask for the next round.
            try {
                round(notify, scanFrom);
            } finally {
                round.complete(null);
            }
        }
    }

    private void round(boolean notify, long from) {
        try {
            // One transaction in one round trip: the lock, the round and the commit. The round is a statement of
            // its own, run once the lock is granted, so its snapshot sees the last round's positions. Should the
            // lock or the round fail, the commit does not run, and the driver's rollback ends the transaction.
            // Straight through JDBC: jOOQ's parsing of the plain SQL for its binds was half of a round's CPU.
            dsl.transaction(cfg -> dev.paas.api.db.Jdbc.run(cfg.dsl(), ROUND_IN_ITS_TRANSACTION,
                    java.util.List.of(ORDERING_LOCK, from, notify), java.util.List.of()));
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

    /** Stops the timer and the rounds' thread; writers waiting for a round are let go (their work is committed). */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
    }
}
