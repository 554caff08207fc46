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
    /** Statements to run last, in this order, all in one round trip, just before the commit (see {@link #defer}). */
    private final List<Deferred> deferred = new ArrayList<>();
    /** The inserts whose rows were deferred since the last plain statement, by their text (see {@link #deferRows}). */
    private final Map<String, Deferred> openInserts = new java.util.HashMap<>();
    /** The most values one deferred insert binds: Postgres takes at most 65,535 in one statement. */
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
        deferred.add(new Deferred(new StringBuilder(sql), new ArrayList<>(java.util.Arrays.asList(binds))));
        openInserts.clear();
    }

    /**
     * {@link #defer}s {@code insert} (its text up to {@code values}) of {@code rows} ({@code (?, ...), (?, ...)}):
     * rows of one insert deferred since the last plain {@link #defer} join its statement, so that the releases and
     * the log lines of a {@link GroupCommit}'s many writes are a statement each, not one each. The inserts of such a
     * stretch run in the order of their first rows: rows may depend on the rows of an insert deferred before theirs
     * (an outcome on its release), never on one deferred after it.
     */
    public void deferRows(String insert, String rows, Object... binds) {
        Deferred open = openInserts.get(insert);
        if (open != null && open.binds().size() + binds.length <= MOST_BINDS_MERGED) {
            open.sql().append(", ").append(rows);
            open.binds().addAll(java.util.Arrays.asList(binds));
        } else {
            var statement = new Deferred(new StringBuilder(insert).append(rows),
                    new ArrayList<>(java.util.Arrays.asList(binds)));
            deferred.add(statement);
            openInserts.put(insert, statement);
        }
    }

    /** A deferred statement: its text and its values. */
    private record Deferred(StringBuilder sql, List<Object> binds) {
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
        var sql = new StringBuilder();
        var binds = new ArrayList<>();
        for (var statement : deferred) {
            sql.append(statement.sql()).append(";\n");
            binds.addAll(statement.binds());
        }
        deferred.clear();
        openInserts.clear();
        var results = dev.paas.api.db.Jdbc.run(dsl, sql.append("commit").toString(), binds, List.of());
        return results.isEmpty() ? null : results.getLast();
    }

    /** How many statements are deferred: for tests. */
    int deferredStatements() {
        return deferred.size();
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
