package dev.paas.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.EventKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Appends change events inside the caller's transaction, only through {@link Transactions}, which
 * calls it once the transaction's work is done. They are appended unordered, with no lock: readers
 * see them only once {@link EventPublisher} has given them their position, after the commit. Payloads
 * never carry config values.
 */
public final class EventLog {
    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    record Pending(UUID appId, EventKind kind, Map<String, ?> payload) {
    }

    void appendAll(DSLContext tx, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        for (Pending e : events) {
            try {
                // Plain SQL: a statement of every write, too simple to be worth jOOQ's rendering on each call.
                tx.execute("insert into events (app_id, kind, payload) values (?, ?, ?::jsonb)", e.appId(),
                        e.kind().wire(), JSONB.valueOf(json.writeValueAsString(e.payload())));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event payload is not serializable: " + e.kind(), ex);
            }
        }
    }
}
