package dev.paas.api.log;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.LogLines;

import dev.paas.api.event.Tx;
import dev.paas.client.Wire;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Each app's recent log lines; {@link LogRetention} trims the oldest. */
public final class LogRepository {
    private static final String INSERT = "insert into log_lines (app_id, logged_at, source, dyno, line) values ";
    /** Each value bound as its column's, and cast as jOOQ casts it (a time is bound as text). */
    private static final String ROW = "(cast(? as uuid), cast(? as timestamp with time zone), ?, ?, ?)";

    /** A line as read back, with its position for followers. */
    public record Stored(long id, Wire.LogLine line) {
    }

    Set<UUID> existingApps(DSLContext dsl, Collection<UUID> ids) {
        return new HashSet<>(dsl.select(Apps.ID).from(Apps.T).where(Apps.ID.in(ids)).fetch(r -> r.value1()));
    }

    /** Deferred to the end of the transaction ({@link Tx#defer}): written with its events, in one round trip. */
    void append(Tx transaction, List<Wire.LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        // Lines of one app are appended one transaction at a time, so that their ids grow in commit order:
        // readers that follow an id (drains, tails) would otherwise pass a line committed late under a
        // smaller id. The app's row is the lock: a service that already holds it (FOR UPDATE, as the
        // ledger does before it logs) goes on, and the FK checks of the insert (KEY SHARE) do not conflict
        // with this lock, so an ingest and a release cannot wait on each other. Sorted against deadlocks.
        // A transaction that holds the lock already (told through Tx.lockedApp) skips the statement. Taken
        // with the insert, at the transaction's end, it is held from the insert to the commit all the same.
        var toLock = new java.util.TreeSet<>(lines.stream().map(Wire.LogLine::appId)
                .filter(id -> !transaction.holdsLockOf(id)).toList());
        if (!toLock.isEmpty()) {
            var marks = String.join(", ", java.util.Collections.nCopies(toLock.size(), "?"));
            transaction.defer("select id from apps where id in (" + marks + ") order by id for no key update",
                    toLock.toArray());
        }
        // Plain SQL: a statement of every write that logs (every config:set), too simple to be worth jOOQ's
        // rendering on each call.
        var rows = new StringBuilder(lines.size() * (ROW.length() + 2));
        var binds = new Object[lines.size() * 5];
        int b = 0;
        for (var l : lines) {
            rows.append(b == 0 ? "" : ", ").append(ROW);
            binds[b++] = DSL.val(l.appId(), LogLines.APP_ID);
            binds[b++] = DSL.val(l.time().atOffset(ZoneOffset.UTC), LogLines.LOGGED_AT);
            binds[b++] = DSL.val(l.source(), LogLines.SOURCE);
            binds[b++] = DSL.val(l.dyno(), LogLines.DYNO);
            binds[b++] = DSL.val(l.line(), LogLines.LINE);
        }
        transaction.deferRows(INSERT, rows.toString(), binds); // with the lines deferred just before, if any
        // Wakes followers (log tails) through the event stream's channel, after the commit: a NOTIFY in this
        // transaction would serialise it with every other writer's commit (see EventPublisher).
        transaction.wakeFollowers();
    }

    /** The newest {@code num} lines matching the filters, oldest first. */
    public List<Stored> recent(DSLContext dsl, UUID appId, int num, String dyno, String source) {
        var newest = dsl.select(LogLines.ID, LogLines.LOGGED_AT, LogLines.SOURCE, LogLines.DYNO, LogLines.LINE)
                .from(LogLines.T).where(LogLines.APP_ID.eq(appId)).and(filter(dyno, source))
                .orderBy(LogLines.ID.desc()).limit(num)
                .fetch(r -> stored(appId, r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        var ordered = new ArrayList<>(newest);
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    public List<Stored> after(DSLContext dsl, UUID appId, long afterId, String dyno, String source) {
        return dsl.select(LogLines.ID, LogLines.LOGGED_AT, LogLines.SOURCE, LogLines.DYNO, LogLines.LINE)
                .from(LogLines.T).where(LogLines.APP_ID.eq(appId)).and(LogLines.ID.gt(afterId)).and(filter(dyno, source))
                .orderBy(LogLines.ID).limit(1000)
                .fetch(r -> stored(appId, r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public long lastId(DSLContext dsl, UUID appId) {
        Long id = dsl.select(DSL.max(LogLines.ID)).from(LogLines.T).where(LogLines.APP_ID.eq(appId))
                .fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** {@code dyno} "web" matches web.1, web.2...; "web.2" only that one. */
    private static Condition filter(String dyno, String source) {
        Condition c = DSL.noCondition();
        if (dyno != null && !dyno.isBlank()) {
            c = c.and(dyno.contains(".") ? LogLines.DYNO.eq(dyno) : LogLines.DYNO.eq(dyno).or(LogLines.DYNO.like(
                    dyno.replace("%", "").replace("_", "\\_") + ".%")));
        }
        if (source != null && !source.isBlank()) {
            c = c.and(LogLines.SOURCE.eq(source));
        }
        return c;
    }

    private static Stored stored(UUID appId, long id, java.time.OffsetDateTime at, String source, String dyno,
                                 String line) {
        return new Stored(id, new Wire.LogLine(appId, at.toInstant(), source, dyno, line));
    }
}
