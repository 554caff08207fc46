package dev.paas.api.event;

import dev.paas.client.EventKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * One open transaction: its jOOQ context, and the events that announce its changes. Events are only
 * collected here; {@link Transactions} appends them after the work has returned, so no change can be
 * written after the event that announces it (see {@link EventLog} for why that order matters).
 */
public final class Tx {
    private final DSLContext dsl;
    private final List<EventLog.Pending> events = new ArrayList<>();
    /** Statements to run last, all in one round trip, just before the commit (see {@link #defer}). */
    private final StringBuilder deferred = new StringBuilder();
    private final List<Object> deferredBinds = new ArrayList<>();
    /** The insert whose rows were deferred last, if nothing was deferred since (see {@link #deferRows}). */
    private String lastInsert;
    /** How many values {@link #lastInsert}'s statement binds: Postgres takes at most 65,535 in one. */
    private int lastInsertBinds;
    private static final int MOST_BINDS_MERGED = 30_000;
    private boolean wakeFollowers;
    /** Apps whose row this transaction has locked FOR UPDATE (see {@link #lockedApp}). */
    private final Set<UUID> lockedApps = new HashSet<>();
    /** What one step of the transaction read ahead for a later one (see {@link #local}). */
    private final Map<Class<?>, Object> locals = new java.util.HashMap<>();

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Queues an event; it is appended, in announcement order, when the work is done. */
    public void announce(UUID appId, EventKind kind, Map<String, ?> payload) {
        events.add(new EventLog.Pending(appId, kind, Map.copyOf(payload)));
    }

    /**
     * Runs {@code sql} (plain SQL, {@code ?} for each of {@code binds}) as one of this transaction's last
     * statements: after the work and its events, in the order deferred, all sent to Postgres together in one
     * round trip before the commit (each still a statement of its own, with its own snapshot). For appends
     * nothing in the transaction reads back (log lines): on the hottest writes each round trip costs the API
     * and Postgres more CPU than the statement itself. They run through {@link dev.paas.api.db.Jdbc}, past the
     * listener that tells the read caches of changed users and tokens: never defer a write to users or api_tokens.
     */
    public void defer(String sql, Object... binds) {
        deferred.append(deferred.isEmpty() ? "" : ";\n").append(sql);
        deferredBinds.addAll(java.util.Arrays.asList(binds));
        lastInsert = null;
    }

    /**
     * {@link #defer}s {@code insert} (its text up to {@code values}) of {@code rows} ({@code (?, ...), (?, ...)}):
     * rows deferred right after rows of the same insert join its statement, so that the log lines of a
     * {@link GroupCommit}'s many writes are one statement, not one each.
     */
    public void deferRows(String insert, String rows, Object... binds) {
        if (insert.equals(lastInsert) && lastInsertBinds + binds.length <= MOST_BINDS_MERGED) {
            deferred.append(", ").append(rows);
            deferredBinds.addAll(java.util.Arrays.asList(binds));
            lastInsertBinds += binds.length;
        } else {
            defer(insert + rows, binds);
            lastInsert = insert;
            lastInsertBinds = binds.length;
        }
    }

    /**
     * Runs what was deferred, if anything, and then the commit, in one round trip; returns the rows of the last
     * statement that returned any (the events' ids: {@link EventLog#appendAll} is deferred last), or null. The
     * commit goes with them because each round trip costs the API and Postgres more CPU than a small statement:
     * the driver then sees the transaction ended (Postgres says so after every round trip), so the commit that
     * {@link Transactions} asks of it next sends nothing. Should a statement fail, the ones after it, the commit
     * among them, do not run, and the transaction is rolled back as any other failed one. With nothing deferred,
     * the commit is left to the driver.
     */
    List<Object[]> runDeferredThenCommit() {
        if (deferred.isEmpty()) {
            return null;
        }
        var results = dev.paas.api.db.Jdbc.run(dsl, deferred.append(";\ncommit").toString(), deferredBinds, List.of());
        deferred.setLength(0);
        deferredBinds.clear();
        lastInsert = null;
        return results.isEmpty() ? null : results.getLast();
    }

    /** How many statements are deferred: for tests. */
    int deferredStatements() {
        return deferred.isEmpty() ? 0 : deferred.toString().split(";\n").length;
    }

    /** Log lines were written: once committed, followers of logs (who read them by id) are woken. */
    public void wakeFollowers() {
        wakeFollowers = true;
    }

    /**
     * The caller locked the app's row FOR UPDATE in this transaction: later steps that only need that lock (or a
     * weaker one, as the log append's) may skip taking it again, a statement less on the hottest writes.
     */
    public void lockedApp(UUID appId) {
        lockedApps.add(appId);
    }

    /** Whether {@link #lockedApp} was told of this app's lock. */
    public boolean holdsLockOf(UUID appId) {
        return lockedApps.contains(appId);
    }

    /**
     * This transaction's own {@code type}, created on first use: what a step reads ahead for later ones (the tips of
     * all the apps of a {@link GroupCommit}'s transaction, read in one round trip, for each of its appends).
     */
    public <T> T local(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(locals.computeIfAbsent(type, k -> create.get()));
    }

    /** This transaction's own {@code type} if a step created it ({@link #local}), without creating it. */
    public <T> java.util.Optional<T> localIfAny(Class<T> type) {
        return java.util.Optional.ofNullable(type.cast(locals.get(type)));
    }

    boolean wakes() {
        return wakeFollowers;
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    List<EventLog.Pending> events() {
        return List.copyOf(events);
    }
}
