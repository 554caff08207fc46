package dev.paas.api.event;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Collaborators;
import static dev.paas.api.db.Schema.Events;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.auth.User;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads the published event log in position order (see {@link EventPublisher}), limited to the apps a user may see. */
final class EventRepository {
    private final ObjectMapper json;

    EventRepository(ObjectMapper json) {
        this.json = json;
    }

    List<Wire.Event> after(DSLContext dsl, User user, long afterId, UUID appId, int limit) {
        Condition scope = appId == null ? noCondition() : Events.APP_ID.eq(appId);
        return dsl.select(Events.POSITION, Events.APP_ID, Events.KIND, Events.PAYLOAD, Events.CREATED_AT)
                .from(Events.T)
                .where(Events.POSITION.gt(afterId)).and(scope).and(visibleTo(user))
                .orderBy(Events.POSITION)
                .limit(limit)
                .fetch(this::event);
    }

    long latestId(DSLContext dsl) {
        Long id = dsl.select(org.jooq.impl.DSL.max(Events.POSITION)).from(Events.T).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** Admins see every event; others the events of apps they own or collaborate on. */
    private static Condition visibleTo(User user) {
        if (user.admin()) {
            return noCondition();
        }
        return Events.APP_ID.in(select(Apps.ID).from(Apps.T).where(Apps.OWNER_ID.eq(user.id())))
                .or(Events.APP_ID.in(select(Collaborators.APP_ID).from(Collaborators.T)
                        .where(Collaborators.USER_ID.eq(user.id()))));
    }

    private Wire.Event event(Record r) {
        try {
            Map<String, Object> payload = json.readValue(r.get(Events.PAYLOAD).data(), new TypeReference<>() { });
            return new Wire.Event(r.get(Events.POSITION), r.get(Events.APP_ID), r.get(Events.KIND), payload,
                    r.get(Events.CREATED_AT).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events.payload holds JSON that is not an object", e);
        }
    }
}
