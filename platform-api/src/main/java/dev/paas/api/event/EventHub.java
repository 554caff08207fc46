package dev.paas.api.event;

import dev.paas.api.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LISTEN connection for the whole process. It only wakes stream subscribers; they then read
 * the events table, which stays the source of truth (a missed NOTIFY costs latency, never events).
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private final Database database;
    private final Thread thread;
    private final Object signal = new Object();
    private long generation;
    private volatile boolean running = true;
    private final StreamQuota quota;
    private volatile Watcher watcher = Watcher.NONE;

    /**
     * Told of every NOTIFY on {@code paas_events} and of whether LISTEN holds (read caches, which must
     * drop what other processes change and trust nothing while a NOTIFY could be missed).
     */
    public interface Watcher {
        Watcher NONE = new Watcher() {
            @Override
            public void listening(boolean up) {
            }

            @Override
            public void notified(String payload) {
            }
        };

        void listening(boolean up);

        void notified(String payload);
    }

    public EventHub(Database database, int streamsPerUser) {
        this.database = database;
        this.quota = new StreamQuota(streamsPerUser);
        this.thread = Thread.ofPlatform().name("event-hub").daemon().unstarted(this::listen);
    }

    /** Set before {@link #start}. */
    public EventHub watch(Watcher watcher) {
        this.watcher = watcher;
        return this;
    }

    public EventHub start() {
        thread.start();
        return this;
    }

    /** A place for one more stream of {@code user} among those this hub wakes (see {@link StreamQuota}). */
    public StreamQuota.Slot admit(java.util.UUID user) {
        return quota.admit(user);
    }

    /** A stream that takes no place in any user's quota. */
    public StreamQuota.Slot uncounted() {
        return quota.uncounted();
    }

    /** A number that grows whenever events may have been appended. */
    public long generation() {
        synchronized (signal) {
            return generation;
        }
    }

    /** Waits until the generation passes {@code seen}; false on timeout or close. */
    public boolean awaitBeyond(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (running && generation <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
            return running;
        }
    }

    public boolean running() {
        return running;
    }

    private void bump() {
        synchronized (signal) {
            generation++;
            signal.notifyAll();
        }
    }

    private void listen() {
        long backoffMs = 100;
        while (running) {
            try (Connection connection = database.dedicatedConnection()) {
                DSL.using(connection).select(DSL.function("paas_listen", SQLDataType.OTHER)).fetch();
                PGConnection pg = connection.unwrap(PGConnection.class);
                bump(); // after a reconnect, subscribers re-read what they may have missed
                watcher.listening(true);
                backoffMs = 100;
                while (running) {
                    var notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        for (var notification : notifications) {
                            watcher.notified(notification.getParameter());
                        }
                        bump();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                watcher.listening(false);
                if (running) {
                    LOG.warn("at=warn msg=\"event listener lost its connection\" retry_in_ms={} error=\"{}\"",
                            backoffMs, e.getMessage());
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 5_000);
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        watcher.listening(false);
        synchronized (signal) {
            signal.notifyAll();
        }
        thread.interrupt();
    }
}
