package dev.paas.api.cache;

import dev.paas.api.event.EventHub;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether what a {@link ReadCache} holds may still be served. A generation per {@link Source}: every
 * write committed here that may have changed the source ({@link #written}, called by the database's
 * listeners before the writer's request is answered) and every NOTIFY from another process on
 * {@code paas_events} that may have, moves it on, and an entry is served only while the generation it
 * was read in is the current one. So a write on this process is seen by the very next request, and one
 * on another process once its NOTIFY arrives. While the LISTEN connection is down nothing is served from
 * a cache (a NOTIFY could be missed); when it comes back every generation moves on, since changes may
 * have been missed meanwhile.
 */
public final class Freshness implements EventHub.Watcher {
    /** What a cached read depends on. */
    public enum Source {
        /** Any table: moved on by every write (an app as a user sees it, with its latest release). */
        EVERYTHING,
        /**
         * Users and API tokens only (who a token is): moved on by writes to those tables, and by their
         * triggers' NOTIFYs ('user', 'token'), not by the releases, events and log lines every config:set writes.
         */
        USERS_AND_TOKENS
    }

    /** NOTIFY payloads that change nothing a cache holds: log lines wake log tails only. */
    private static final String LOG_LINES = "log";
    private final AtomicLong everything = new AtomicLong();
    private final AtomicLong usersAndTokens = new AtomicLong();
    private volatile boolean listening;

    /** Every cached read so far is stale from now on. */
    public void invalidate() {
        written(true);
    }

    /**
     * A write was committed; {@code usersOrTokens}: it may have changed a user or a token. Reads of users
     * and tokens move on first, so no reader sees everything's generation moved and theirs not yet.
     */
    public void written(boolean usersOrTokens) {
        if (usersOrTokens) {
            usersAndTokens.incrementAndGet();
        }
        everything.incrementAndGet();
    }

    long generation(Source source) {
        return source == Source.USERS_AND_TOKENS ? usersAndTokens.get() : everything.get();
    }

    /** False while changes made by other processes might go unnoticed: caches are then bypassed. */
    boolean listening() {
        return listening;
    }

    /**
     * Going up, the generations move on before the cache is trusted (whatever was read while down or
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

    /**
     * A log line's payload changes nothing cached. An event position (the publisher's round: releases, apps,
     * formations... of another process) may change anything but users and tokens, whose tables' triggers
     * NOTIFY on their own ('user', 'token'); those, and any payload added later, move every generation on.
     */
    @Override
    public void notified(String payload) {
        if (!LOG_LINES.equals(payload)) {
            written(!isPosition(payload));
        }
    }

    private static boolean isPosition(String payload) {
        if (payload == null || payload.isEmpty() || payload.length() > 19) {
            return false;
        }
        for (int i = 0; i < payload.length(); i++) {
            if (payload.charAt(i) < '0' || payload.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
