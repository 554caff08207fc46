package dev.paas.api.backup;

import static dev.paas.api.db.Schema.AddonAttachments;
import static dev.paas.api.db.Schema.AddonBackupSchedules;
import static dev.paas.api.db.Schema.AddonBackups;
import static dev.paas.api.db.Schema.Addons;
import static dev.paas.api.db.Schema.Apps;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/** Backups, their add-ons and schedules; restores are in {@link RestoreRepository}. No decisions here. */
final class BackupRepository {

    /** A live add-on (not deprovisioned, its app not destroyed), by id or name. */
    Optional<BackupAddon> addon(DSLContext dsl, String idOrName) {
        return dsl.select(Addons.ID, Addons.NAME, Addons.APP_ID, Apps.NAME, Addons.SERVICE, Addons.STATE,
                        Addons.AGENT_ID, Addons.USERNAME, Addons.PASSWORD)
                .from(Addons.T).join(Apps.T).on(Apps.ID.eq(Addons.APP_ID))
                .where(identifiedBy(idOrName)).and(Addons.STATE.ne("deprovisioned")).and(Apps.DESTROYED_AT.isNull())
                .fetchOptional(r -> new BackupAddon(r.get(Addons.ID), r.get(Addons.NAME), r.get(Addons.APP_ID),
                        r.get(Apps.NAME), r.get(Addons.SERVICE), r.get(Addons.STATE), r.get(Addons.AGENT_ID),
                        r.get(Addons.USERNAME), r.get(Addons.PASSWORD)));
    }

    /** The apps an add-on is attached to (its owner among them). */
    List<UUID> attachedApps(DSLContext dsl, UUID addonId) {
        return dsl.selectDistinct(AddonAttachments.APP_ID).from(AddonAttachments.T)
                .where(AddonAttachments.ADDON_ID.eq(addonId)).fetch(AddonAttachments.APP_ID);
    }

    /** The live Postgres add-ons attached to an app. */
    List<UUID> postgresOf(DSLContext dsl, UUID appId) {
        return dsl.selectDistinct(Addons.ID).from(Addons.T)
                .join(AddonAttachments.T).on(AddonAttachments.ADDON_ID.eq(Addons.ID))
                .where(AddonAttachments.APP_ID.eq(appId)).and(Addons.SERVICE.eq(BackupAddon.POSTGRES))
                .and(Addons.STATE.ne("deprovisioned")).fetch(Addons.ID);
    }

    void lockAddon(DSLContext tx, UUID addonId) {
        tx.select(Addons.ID).from(Addons.T).where(Addons.ID.eq(addonId)).forUpdate().fetch();
    }

    /** A new pending backup, numbered after the add-on's last (the caller holds the add-on's lock). */
    BackupRow insert(DSLContext tx, BackupAddon addon, String kind, UUID userId) {
        int number = tx.select(DSL.coalesce(DSL.max(AddonBackups.NUMBER), 0)).from(AddonBackups.T)
                .where(AddonBackups.ADDON_ID.eq(addon.id())).fetchOne().value1() + 1;
        var id = UUID.randomUUID();
        tx.insertInto(AddonBackups.T).set(AddonBackups.ID, id).set(AddonBackups.ADDON_ID, addon.id())
                .set(AddonBackups.NUMBER, number).set(AddonBackups.KIND, kind)
                .set(AddonBackups.STATE, JobState.PENDING).set(AddonBackups.SOURCE_NAME, addon.name())
                .set(AddonBackups.CREATED_BY, userId).execute();
        return byId(tx, id).orElseThrow();
    }

    /** The add-on's backups of {@code kind} that hold or will hold a dump (all but failed ones). */
    int kept(DSLContext dsl, UUID addonId, String kind) {
        return dsl.fetchCount(AddonBackups.T, AddonBackups.ADDON_ID.eq(addonId).and(AddonBackups.KIND.eq(kind))
                .and(AddonBackups.STATE.ne(JobState.FAILED)));
    }

    List<BackupRow> of(DSLContext dsl, Collection<UUID> addonIds) {
        return select(dsl).where(AddonBackups.ADDON_ID.in(addonIds))
                .orderBy(AddonBackups.CREATED_AT.desc(), AddonBackups.NUMBER.desc()).fetch(BackupRepository::row);
    }

    Optional<BackupRow> byId(DSLContext dsl, UUID id) {
        return select(dsl).where(AddonBackups.ID.eq(id)).fetchOptional(BackupRepository::row);
    }

    Optional<BackupRow> byNumber(DSLContext dsl, UUID addonId, int number) {
        return select(dsl).where(AddonBackups.ADDON_ID.eq(addonId)).and(AddonBackups.NUMBER.eq(number))
                .fetchOptional(BackupRepository::row);
    }

    Optional<BackupRow> latestCompleted(DSLContext dsl, UUID addonId) {
        return select(dsl).where(AddonBackups.ADDON_ID.eq(addonId)).and(AddonBackups.STATE.eq(JobState.COMPLETED))
                .orderBy(AddonBackups.NUMBER.desc()).limit(1).fetchOptional(BackupRepository::row);
    }

    /** Pending or running captures of add-ons pinned to the agent. */
    List<BackupRow> activeOnAgent(DSLContext dsl, UUID agentId) {
        return select(dsl).where(Addons.AGENT_ID.eq(agentId)).and(active())
                .orderBy(AddonBackups.CREATED_AT).fetch(BackupRepository::row);
    }

    /** Pending or running captures created (pending) or started (running) before {@code before}. */
    List<BackupRow> overdue(DSLContext dsl, OffsetDateTime before) {
        return select(dsl).where(active()).and(DSL.coalesce(AddonBackups.STARTED_AT, AddonBackups.CREATED_AT)
                .lt(before)).fetch(BackupRepository::row);
    }

    /** Takes a pending job, or a running one again (its agent restarted); true when this call did. */
    boolean claim(DSLContext tx, UUID id) {
        return tx.update(AddonBackups.T).set(AddonBackups.STATE, JobState.RUNNING)
                .set(AddonBackups.ATTEMPTS, AddonBackups.ATTEMPTS.plus(1))
                .set(AddonBackups.STARTED_AT, OffsetDateTime.now())
                .where(AddonBackups.ID.eq(id)).and(active()).and(AddonBackups.ATTEMPTS.lt(JobState.MAX_ATTEMPTS))
                .execute() == 1;
    }

    /** Ends an unfinished job; true when this call did. */
    boolean finish(DSLContext tx, UUID id, String state, String reason, Long sizeBytes) {
        return tx.update(AddonBackups.T).set(AddonBackups.STATE, state).set(AddonBackups.REASON, reason)
                .set(AddonBackups.SIZE_BYTES, sizeBytes).set(AddonBackups.FINISHED_AT, OffsetDateTime.now())
                .where(AddonBackups.ID.eq(id)).and(active()).execute() == 1;
    }

    void delete(DSLContext tx, UUID id) {
        tx.deleteFrom(AddonBackups.T).where(AddonBackups.ID.eq(id)).execute();
    }

    /** The newest scheduled capture's time, whatever became of it. */
    Optional<OffsetDateTime> lastScheduled(DSLContext dsl, UUID addonId) {
        return Optional.ofNullable(dsl.select(DSL.max(AddonBackups.CREATED_AT)).from(AddonBackups.T)
                .where(AddonBackups.ADDON_ID.eq(addonId)).and(AddonBackups.KIND.eq(BackupRow.SCHEDULED))
                .fetchOne().value1());
    }

    List<BackupRow> scheduledOf(DSLContext dsl, UUID addonId) {
        return select(dsl).where(AddonBackups.ADDON_ID.eq(addonId)).and(AddonBackups.KIND.eq(BackupRow.SCHEDULED))
                .orderBy(AddonBackups.NUMBER.desc()).fetch(BackupRepository::row);
    }

    void saveSchedule(DSLContext tx, UUID addonId, int hourUtc, int retain) {
        tx.insertInto(AddonBackupSchedules.T).set(AddonBackupSchedules.ADDON_ID, addonId)
                .set(AddonBackupSchedules.HOUR_UTC, hourUtc).set(AddonBackupSchedules.RETAIN, retain)
                .onConflict(AddonBackupSchedules.ADDON_ID).doUpdate()
                .set(AddonBackupSchedules.HOUR_UTC, hourUtc).set(AddonBackupSchedules.RETAIN, retain)
                .set(AddonBackupSchedules.CREATED_AT, OffsetDateTime.now()).execute();
    }

    boolean deleteSchedule(DSLContext tx, UUID addonId) {
        return tx.deleteFrom(AddonBackupSchedules.T).where(AddonBackupSchedules.ADDON_ID.eq(addonId)).execute() == 1;
    }

    /** Schedules of live add-ons, those of {@code addonIds} only when given. */
    List<ScheduleRow> schedules(DSLContext dsl, Collection<UUID> addonIds) {
        Condition which = addonIds == null ? DSL.trueCondition() : AddonBackupSchedules.ADDON_ID.in(addonIds);
        return dsl.select(AddonBackupSchedules.ADDON_ID, Addons.NAME, Addons.APP_ID, Apps.NAME,
                        AddonBackupSchedules.HOUR_UTC, AddonBackupSchedules.RETAIN, AddonBackupSchedules.CREATED_AT)
                .from(AddonBackupSchedules.T).join(Addons.T).on(Addons.ID.eq(AddonBackupSchedules.ADDON_ID))
                .join(Apps.T).on(Apps.ID.eq(Addons.APP_ID))
                .where(which).and(Addons.STATE.eq(BackupAddon.PROVISIONED)).and(Apps.DESTROYED_AT.isNull())
                .orderBy(Addons.NAME)
                .fetch(r -> new ScheduleRow(r.get(AddonBackupSchedules.ADDON_ID), r.get(Addons.NAME),
                        r.get(Addons.APP_ID), r.get(Apps.NAME), r.get(AddonBackupSchedules.HOUR_UTC),
                        r.get(AddonBackupSchedules.RETAIN), r.get(AddonBackupSchedules.CREATED_AT)));
    }

    private static Condition active() {
        return AddonBackups.STATE.in(JobState.PENDING, JobState.RUNNING);
    }

    private static org.jooq.SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(List.<SelectField<?>>of(AddonBackups.ID, AddonBackups.ADDON_ID, Addons.NAME, Addons.APP_ID,
                        Apps.NAME, AddonBackups.NUMBER, AddonBackups.KIND, AddonBackups.STATE, AddonBackups.REASON,
                        AddonBackups.SIZE_BYTES, AddonBackups.SOURCE_NAME, AddonBackups.ATTEMPTS,
                        AddonBackups.CREATED_AT, AddonBackups.STARTED_AT, AddonBackups.FINISHED_AT))
                .from(AddonBackups.T).join(Addons.T).on(Addons.ID.eq(AddonBackups.ADDON_ID))
                .join(Apps.T).on(Apps.ID.eq(Addons.APP_ID));
    }

    private static BackupRow row(Record r) {
        return new BackupRow(r.get(AddonBackups.ID), r.get(AddonBackups.ADDON_ID), r.get(Addons.NAME),
                r.get(Addons.APP_ID), r.get(Apps.NAME), r.get(AddonBackups.NUMBER), r.get(AddonBackups.KIND),
                r.get(AddonBackups.STATE), r.get(AddonBackups.REASON), r.get(AddonBackups.SIZE_BYTES),
                r.get(AddonBackups.SOURCE_NAME), r.get(AddonBackups.ATTEMPTS), r.get(AddonBackups.CREATED_AT),
                r.get(AddonBackups.STARTED_AT), r.get(AddonBackups.FINISHED_AT));
    }

    private static Condition identifiedBy(String idOrName) {
        try {
            return Addons.ID.eq(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAUuid) {
            return Addons.NAME.eq(idOrName.strip());
        }
    }
}
