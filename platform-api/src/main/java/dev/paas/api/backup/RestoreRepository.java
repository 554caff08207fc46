package dev.paas.api.backup;

import static dev.paas.api.db.Schema.AddonBackups;
import static dev.paas.api.db.Schema.AddonRestores;
import static dev.paas.api.db.Schema.Addons;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Restores of backups into add-ons. No decisions here. */
final class RestoreRepository {
    private static final Table<Record> SOURCE = Addons.T.as("source");
    private static final Field<UUID> SOURCE_ID = DSL.field(DSL.name("source", Addons.ID.getName()), UUID.class);
    private static final Field<String> SOURCE_NAME = DSL.field(DSL.name("source", Addons.NAME.getName()), String.class);
    private static final Table<Record> TARGET = Addons.T.as("target");
    private static final Field<UUID> TARGET_ID = DSL.field(DSL.name("target", Addons.ID.getName()), UUID.class);
    private static final Field<String> TARGET_NAME = DSL.field(DSL.name("target", Addons.NAME.getName()), String.class);
    private static final Field<UUID> TARGET_AGENT =
            DSL.field(DSL.name("target", Addons.AGENT_ID.getName()), UUID.class);

    RestoreRow insert(DSLContext tx, UUID backupId, UUID targetId, UUID userId) {
        var id = UUID.randomUUID();
        tx.insertInto(AddonRestores.T).set(AddonRestores.ID, id).set(AddonRestores.BACKUP_ID, backupId)
                .set(AddonRestores.TARGET_ADDON_ID, targetId).set(AddonRestores.STATE, JobState.PENDING)
                .set(AddonRestores.CREATED_BY, userId).execute();
        return byId(tx, id).orElseThrow();
    }

    Optional<RestoreRow> byId(DSLContext dsl, UUID id) {
        return select(dsl).where(AddonRestores.ID.eq(id)).fetchOptional(RestoreRepository::row);
    }

    List<RestoreRow> into(DSLContext dsl, UUID targetId) {
        return select(dsl).where(AddonRestores.TARGET_ADDON_ID.eq(targetId))
                .orderBy(AddonRestores.CREATED_AT.desc()).fetch(RestoreRepository::row);
    }

    boolean activeFrom(DSLContext dsl, UUID backupId) {
        return dsl.fetchExists(AddonRestores.T, AddonRestores.BACKUP_ID.eq(backupId).and(active()));
    }

    List<RestoreRow> activeOnAgent(DSLContext dsl, UUID agentId) {
        return select(dsl).where(TARGET_AGENT.eq(agentId)).and(active()).orderBy(AddonRestores.CREATED_AT)
                .fetch(RestoreRepository::row);
    }

    List<RestoreRow> overdue(DSLContext dsl, OffsetDateTime before) {
        return select(dsl).where(active()).and(DSL.coalesce(AddonRestores.STARTED_AT, AddonRestores.CREATED_AT)
                .lt(before)).fetch(RestoreRepository::row);
    }

    boolean claim(DSLContext tx, UUID id) {
        return tx.update(AddonRestores.T).set(AddonRestores.STATE, JobState.RUNNING)
                .set(AddonRestores.ATTEMPTS, AddonRestores.ATTEMPTS.plus(1))
                .set(AddonRestores.STARTED_AT, OffsetDateTime.now())
                .where(AddonRestores.ID.eq(id)).and(active()).and(AddonRestores.ATTEMPTS.lt(JobState.MAX_ATTEMPTS))
                .execute() == 1;
    }

    boolean finish(DSLContext tx, UUID id, String state, String reason) {
        return tx.update(AddonRestores.T).set(AddonRestores.STATE, state).set(AddonRestores.REASON, reason)
                .set(AddonRestores.FINISHED_AT, OffsetDateTime.now())
                .where(AddonRestores.ID.eq(id)).and(active()).execute() == 1;
    }

    private static Condition active() {
        return AddonRestores.STATE.in(JobState.PENDING, JobState.RUNNING);
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(List.<SelectField<?>>of(AddonRestores.ID, AddonRestores.BACKUP_ID, AddonBackups.NUMBER,
                        SOURCE_ID, SOURCE_NAME, TARGET_ID, TARGET_NAME, AddonRestores.STATE, AddonRestores.REASON,
                        AddonRestores.ATTEMPTS, AddonRestores.CREATED_AT, AddonRestores.STARTED_AT,
                        AddonRestores.FINISHED_AT))
                .from(AddonRestores.T)
                .join(TARGET).on(TARGET_ID.eq(AddonRestores.TARGET_ADDON_ID))
                .leftJoin(AddonBackups.T).on(AddonBackups.ID.eq(AddonRestores.BACKUP_ID))
                .leftJoin(SOURCE).on(SOURCE_ID.eq(AddonBackups.ADDON_ID));
    }

    private static RestoreRow row(Record r) {
        return new RestoreRow(r.get(AddonRestores.ID), r.get(AddonRestores.BACKUP_ID), r.get(AddonBackups.NUMBER),
                r.get(SOURCE_ID), r.get(SOURCE_NAME), r.get(TARGET_ID), r.get(TARGET_NAME), r.get(AddonRestores.STATE),
                r.get(AddonRestores.REASON), r.get(AddonRestores.ATTEMPTS), r.get(AddonRestores.CREATED_AT),
                r.get(AddonRestores.STARTED_AT), r.get(AddonRestores.FINISHED_AT));
    }
}
