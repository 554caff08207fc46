package dev.paas.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.EventKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * Appends change events inside the caller's transaction, only through {@link Transactions}, which
 * calls it once the transaction's work is done. They are appended unordered, with no lock: readers
 * see them only once {@link EventPublisher} has given them their position, after the commit. Payloads
 * never carry config values.
 */
public final class EventLog {
    private static final String INSERT = "insert into events (app_id, kind, payload) values ";
    private static final String ROW = "(?, ?, ?::jsonb)";
    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    record Pending(UUID appId, EventKind kind, Map<String, ?> payload) {
    }

    /**
     * One statement for all of them, deferred to the transaction's end (sent with its other deferred statements),
     * as the last of them: it returns the events' ids ({@link #firstId}). Rows of one insert take their ids in the
     * order listed, which is the announcement order the publisher keeps.
     */
    void appendAll(Tx tx, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        // Plain SQL: a statement of every write, too simple to be worth jOOQ's rendering on each call.
        var sql = new StringBuilder(INSERT.length() + events.size() * (ROW.length() + 2)).append(INSERT);
        var binds = new Object[events.size() * 3];
        int b = 0;
        for (Pending e : events) {
            sql.append(b == 0 ? "" : ", ").append(ROW);
            binds[b++] = e.appId();
            binds[b++] = e.kind().wire();
            try {
                binds[b++] = JSONB.valueOf(json.writeValueAsString(e.payload()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event payload is not serializable: " + e.kind(), ex);
            }
        }
        tx.defer(sql.append(" returning id").toString(), binds);
    }

    /** The lowest id among the rows {@link #appendAll}'s insert returned. */
    static long firstId(List<Object[]> inserted) {
        long first = Long.MAX_VALUE;
        for (Object[] r : inserted) {
            first = Math.min(first, ((Number) r[0]).longValue());
        }
        return first;
    }
}
