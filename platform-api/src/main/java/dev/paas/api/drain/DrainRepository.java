package dev.paas.api.drain;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.LogDrains;
import static dev.paas.api.db.Schema.LogLines;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Log drains, and the reads and cursor moves their delivery makes. */
public final class DrainRepository {

    /** A line to deliver, with its position in the log. */
    record Pending(long id, LogplexFrames.Message message) {
    }

    /** Inserts, or returns empty when the app already has a drain with this URL (the unique index says so). */
    Optional<DrainRow> insert(DSLContext tx, UUID appId, String url, long deliveredId) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(LogDrains.T)
                .set(LogDrains.ID, id).set(LogDrains.APP_ID, appId).set(LogDrains.URL, url)
                .set(LogDrains.TOKEN, "d." + UUID.randomUUID()).set(LogDrains.DELIVERED_ID, deliveredId)
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? find(tx, id) : Optional.empty();
    }

    Optional<DrainRow> find(DSLContext dsl, UUID id) {
        return select(dsl).where(LogDrains.ID.eq(id)).fetchOptional(DrainRepository::row);
    }

    /** By id, token or URL, as {@code drains:remove} accepts any of them. */
    Optional<DrainRow> find(DSLContext dsl, UUID appId, String idTokenOrUrl) {
        Condition which;
        try {
            which = LogDrains.ID.eq(UUID.fromString(idTokenOrUrl));
        } catch (IllegalArgumentException notAUuid) {
            which = LogDrains.TOKEN.eq(idTokenOrUrl).or(LogDrains.URL.eq(idTokenOrUrl.trim()));
        }
        return select(dsl).where(LogDrains.APP_ID.eq(appId)).and(which).fetchOptional(DrainRepository::row);
    }

    List<DrainRow> list(DSLContext dsl, UUID appId) {
        return select(dsl).where(LogDrains.APP_ID.eq(appId)).orderBy(LogDrains.CREATED_AT, LogDrains.ID)
                .fetch(DrainRepository::row);
    }

    /** The drains of apps not destroyed: what delivery serves. */
    List<DrainRow> active(DSLContext dsl) {
        return select(dsl).where(LogDrains.APP_ID.in(DSL.select(Apps.ID).from(Apps.T).where(Apps.DESTROYED_AT.isNull())))
                .fetch(DrainRepository::row);
    }

    /** Locks the app's row so that concurrent adds count drains one at a time. */
    int countLocked(DSLContext tx, UUID appId) {
        tx.select(Apps.ID).from(Apps.T).where(Apps.ID.eq(appId)).forUpdate().fetch();
        return tx.fetchCount(LogDrains.T, LogDrains.APP_ID.eq(appId));
    }

    void delete(DSLContext tx, UUID id) {
        tx.deleteFrom(LogDrains.T).where(LogDrains.ID.eq(id)).execute();
    }

    long lastLogId(DSLContext dsl, UUID appId) {
        Long id = dsl.select(DSL.max(LogLines.ID)).from(LogLines.T).where(LogLines.APP_ID.eq(appId))
                .fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    List<Pending> after(DSLContext dsl, UUID appId, long afterId, int limit) {
        return dsl.select(LogLines.ID, LogLines.LOGGED_AT, LogLines.SOURCE, LogLines.DYNO, LogLines.LINE)
                .from(LogLines.T).where(LogLines.APP_ID.eq(appId)).and(LogLines.ID.gt(afterId))
                .orderBy(LogLines.ID).limit(limit)
                .fetch(r -> new Pending(r.value1(), new LogplexFrames.Message(r.value2().toInstant(), r.value3(),
                        r.value4(), r.value5())));
    }

    /**
     * When more than {@code buffer} of the app's lines wait for the drain, moves its cursor past the oldest
     * of them and counts them as dropped (for the L10 line). Returns how many were dropped.
     */
    long skipBeyond(DSLContext tx, DrainRow drain, int buffer) {
        Long oldestKept = tx.select(LogLines.ID).from(LogLines.T).where(LogLines.APP_ID.eq(drain.appId()))
                .and(LogLines.ID.gt(drain.deliveredId())).orderBy(LogLines.ID.desc()).offset(buffer - 1).limit(1)
                .fetchOne(LogLines.ID);
        if (oldestKept == null) {
            return 0;
        }
        return dropUpTo(tx, drain.id(), drain.appId(), oldestKept - 1);
    }

    /**
     * Moves the drain's cursor to {@code lastDropped}, counting the undelivered lines it passes as dropped.
     * Retention calls it too, before it removes lines a drain has not had.
     */
    public static long dropUpTo(DSLContext tx, UUID drainId, UUID appId, long lastDropped) {
        Long delivered = tx.select(LogDrains.DELIVERED_ID).from(LogDrains.T).where(LogDrains.ID.eq(drainId))
                .forUpdate().fetchOne(LogDrains.DELIVERED_ID);
        if (delivered == null || delivered >= lastDropped) {
            return 0;
        }
        long count = tx.fetchCount(LogLines.T, LogLines.APP_ID.eq(appId).and(LogLines.ID.gt(delivered))
                .and(LogLines.ID.le(lastDropped)));
        tx.update(LogDrains.T)
                .set(LogDrains.DELIVERED_ID, lastDropped)
                .set(LogDrains.DROPPED, LogDrains.DROPPED.plus(count))
                .set(LogDrains.DROPPED_SINCE, DSL.coalesce(LogDrains.DROPPED_SINCE, DSL.currentOffsetDateTime()))
                .where(LogDrains.ID.eq(drainId)).execute();
        return count;
    }

    /**
     * Records a batch as delivered: the cursor only moves forward (retention may have moved it further),
     * and the L10 count shrinks by what the batch reported.
     */
    void delivered(DSLContext dsl, UUID drainId, long lastId, long reportedDropped) {
        var left = LogDrains.DROPPED.minus(reportedDropped);
        dsl.update(LogDrains.T)
                .set(LogDrains.DELIVERED_ID, DSL.greatest(LogDrains.DELIVERED_ID, DSL.val(lastId)))
                .set(LogDrains.DROPPED, left)
                .set(LogDrains.DROPPED_SINCE, DSL.when(left.eq(0L), DSL.inline((OffsetDateTime) null))
                        .otherwise(LogDrains.DROPPED_SINCE))
                .where(LogDrains.ID.eq(drainId)).execute();
    }

    private static org.jooq.SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(List.of(LogDrains.ID, LogDrains.APP_ID, LogDrains.URL, LogDrains.TOKEN, LogDrains.DELIVERED_ID,
                LogDrains.DROPPED, LogDrains.DROPPED_SINCE, LogDrains.CREATED_AT, LogDrains.UPDATED_AT))
                .from(LogDrains.T);
    }

    private static DrainRow row(Record r) {
        return new DrainRow(r.get(LogDrains.ID), r.get(LogDrains.APP_ID), r.get(LogDrains.URL),
                r.get(LogDrains.TOKEN), r.get(LogDrains.DELIVERED_ID), r.get(LogDrains.DROPPED),
                r.get(LogDrains.DROPPED_SINCE), r.get(LogDrains.CREATED_AT), r.get(LogDrains.UPDATED_AT));
    }
}
