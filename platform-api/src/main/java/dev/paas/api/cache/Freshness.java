package dev.paas.api.cache;

import dev.paas.api.event.EventHub;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether what a {@link ReadCache} holds may still be served. One generation for the whole process:
 * every write committed here ({@link #invalidate}, called by the database's listeners before the
 * writer's request is answered) and every NOTIFY from another process on {@code paas_events} moves
 * it on, and an entry is served only while the generation it was read in is the current one. So a
 * write on this process is seen by the very next request, and one on another process once its NOTIFY
 * arrives. While the LISTEN connection is down nothing is served from a cache (a NOTIFY could be
 * missed); when it comes back the generation moves on, since changes may have been missed meanwhile.
 */
public final class Freshness implements EventHub.Watcher {
    /** NOTIFY payloads that change nothing a cache holds: log lines wake log tails only. */
    private static final String LOG_LINES = "log";
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    /** Every cached read so far is stale from now on. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    long generation() {
        return generation.get();
    }

    /** False while changes made by other processes might go unnoticed: caches are then bypassed. */
    boolean listening() {
        return listening;
    }

    /**
     * Going up, the generation moves on before the cache is trusted (whatever was read while down or
     * before LISTEN may be stale); going down, the cache is distrusted first.
     */
    @Override
    public void listening(boolean up) {
        if (up) {
            invalidate();
            listening = true;
        } else {
            listening = false;
            invalidate();
        }
    }

    /** Any payload but a log line's (event ids, 'token', 'user', or one added later) may change a cached read. */
    @Override
    public void notified(String payload) {
        if (!LOG_LINES.equals(payload)) {
            invalidate();
        }
    }
}
