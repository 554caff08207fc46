package dev.paas.api.event;

import static dev.paas.api.db.Schema.Events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.EventKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Appends change events inside the caller's transaction, only through {@link Transactions}, which
 * calls it once the transaction's work is done. It takes one lock, held until commit, so that events
 * become visible in id order and a watcher that has read up to id N never misses an N-1 committed
 * later. That lock serialises every writer of the platform: taken before the work's own row locks,
 * it would be held while waiting on them (and a writer holding such a row while waiting for this
 * lock would deadlock with it). Hence last. Payloads never carry config values.
 */
public final class EventLog {
    static final long ORDERING_LOCK = 0x7061617365766e74L; // "paasevnt"
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
        tx.select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER, DSL.val(ORDERING_LOCK))).fetch();
        for (Pending e : events) {
            try {
                tx.insertInto(Events.T)
                        .set(Events.APP_ID, e.appId())
                        .set(Events.KIND, e.kind().wire())
                        .set(Events.PAYLOAD, JSONB.valueOf(json.writeValueAsString(e.payload())))
                        .execute();
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event payload is not serializable: " + e.kind(), ex);
            }
        }
    }
}
