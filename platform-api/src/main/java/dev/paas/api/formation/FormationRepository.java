package dev.paas.api.formation;

import static dev.paas.api.db.Schema.Formations;

import dev.paas.client.DynoSize;
import dev.paas.client.ProcessTypes;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The formation table: one row per app and process type. */
public final class FormationRepository {

    /**
     * Gives every process type a row the first time a release defines it: {@code web} starts at
     * one process, others at zero (Heroku's first deploy). Existing rows keep their scale.
     */
    public void ensureTypes(DSLContext tx, UUID appId, Collection<String> types) {
        for (String type : types) {
            tx.insertInto(Formations.T)
                    .set(Formations.ID, UUID.randomUUID())
                    .set(Formations.APP_ID, appId)
                    .set(Formations.TYPE, type)
                    .set(Formations.QUANTITY, ProcessTypes.isWeb(type) ? 1 : 0)
                    .set(Formations.SIZE, DynoSize.DEFAULT.wireName())
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /** The rows of {@code types}, the process types of the current release, by type. */
    public List<FormationRow> list(DSLContext dsl, UUID appId, Collection<String> types) {
        return dsl.select(Formations.ID, Formations.APP_ID, Formations.TYPE, Formations.QUANTITY, Formations.SIZE,
                        Formations.CREATED_AT, Formations.UPDATED_AT)
                .from(Formations.T)
                .where(Formations.APP_ID.eq(appId)).and(Formations.TYPE.in(types))
                .orderBy(Formations.TYPE)
                .fetch(FormationRepository::row);
    }

    void update(DSLContext tx, UUID appId, String type, Integer quantity, String size) {
        var update = tx.update(Formations.T).set(Formations.UPDATED_AT, OffsetDateTime.now());
        if (quantity != null) {
            update = update.set(Formations.QUANTITY, quantity);
        }
        if (size != null) {
            update = update.set(Formations.SIZE, size);
        }
        update.where(Formations.APP_ID.eq(appId)).and(Formations.TYPE.eq(type)).execute();
    }

    public void deleteAll(DSLContext tx, UUID appId) {
        tx.deleteFrom(Formations.T).where(Formations.APP_ID.eq(appId)).execute();
    }

    private static FormationRow row(Record r) {
        return new FormationRow(r.get(Formations.ID), r.get(Formations.APP_ID), r.get(Formations.TYPE),
                r.get(Formations.QUANTITY), r.get(Formations.SIZE), r.get(Formations.CREATED_AT),
                r.get(Formations.UPDATED_AT));
    }
}
