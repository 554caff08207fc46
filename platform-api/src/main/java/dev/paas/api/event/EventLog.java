package dev.paas.api.event;

import static dev.paas.api.db.Schema.Events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Appends change events inside the caller's transaction. Call it last in the transaction: it
 * takes a lock held until commit, so that events become visible in id order and a watcher that
 * has read up to id N never misses an N-1 committed later. Payloads never carry config values.
 */
public final class EventLog {
    private static final long ORDERING_LOCK = 0x7061617365766e74L; // "paasevnt"
    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    public void append(DSLContext tx, UUID appId, String kind, Map<String, ?> payload) {
        tx.select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER, DSL.val(ORDERING_LOCK))).fetch();
        try {
            tx.insertInto(Events.T)
                    .set(Events.APP_ID, appId)
                    .set(Events.KIND, kind)
                    .set(Events.PAYLOAD, JSONB.valueOf(json.writeValueAsString(payload)))
                    .execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload is not serializable: " + kind, e);
        }
    }
}
