package dev.paas.api.addon;

import static dev.paas.api.db.Schema.AddonAttachments;
import static dev.paas.api.db.Schema.Addons;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Instances;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Add-ons and their attachments; unique indexes decide name clashes (inserts return empty). */
final class AddonRepository {
    private static final org.jooq.Table<Record> OWNER = Apps.T.as("owner");
    private static final org.jooq.Field<UUID> OWNER_ID = DSL.field(DSL.name("owner", Apps.ID.getName()), UUID.class);
    private static final org.jooq.Field<String> OWNER_NAME = DSL.field(DSL.name("owner", Apps.NAME.getName()), String.class);
    private static final org.jooq.Field<OffsetDateTime> OWNER_DESTROYED =
            DSL.field(DSL.name("owner", Apps.DESTROYED_AT.getName()), OffsetDateTime.class);

    /** Empty when the name is taken by a live add-on. */
    Optional<AddonRow> insert(DSLContext tx, String name, UUID appId, Catalog.Choice choice, UUID agentId,
                              UUID userId, String username, String password) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(Addons.T)
                .set(Addons.ID, id).set(Addons.NAME, name).set(Addons.APP_ID, appId)
                .set(Addons.SERVICE, choice.service().name()).set(Addons.PLAN, choice.plan().name())
                .set(Addons.STATE, AddonRow.PROVISIONING).set(Addons.AGENT_ID, agentId)
                .set(Addons.CREATED_BY, userId).set(Addons.USERNAME, username).set(Addons.PASSWORD, password)
                .set(Addons.MEMORY_MB, choice.plan().memoryMb())
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? find(tx, id.toString()) : Optional.empty();
    }

    /** A live add-on (provisioning or provisioned) of a live app, by id or name. */
    Optional<AddonRow> find(DSLContext dsl, String idOrName) {
        return addons(dsl).where(identifiedBy(idOrName)).and(live()).fetchOptional(AddonRepository::addon);
    }

    /** The live add-ons attached to {@code appId} (whoever owns them). */
    List<AddonRow> attachedTo(DSLContext dsl, UUID appId) {
        return addons(dsl).where(live()).and(Addons.ID.in(DSL.select(AddonAttachments.ADDON_ID)
                .from(AddonAttachments.T).where(AddonAttachments.APP_ID.eq(appId))))
                .orderBy(Addons.CREATED_AT, Addons.ID).fetch(AddonRepository::addon);
    }

    /** The live add-ons whose owning app is among {@code appIds}. */
    List<AddonRow> ownedBy(DSLContext dsl, org.jooq.Select<? extends org.jooq.Record1<UUID>> appIds) {
        return addons(dsl).where(live()).and(Addons.APP_ID.in(appIds)).orderBy(Addons.CREATED_AT, Addons.ID)
                .fetch(AddonRepository::addon);
    }

    /** The live add-ons pinned to {@code agentId}: what it should run. */
    List<AddonRow> onAgent(DSLContext dsl, UUID agentId) {
        return addons(dsl).where(live()).and(Addons.AGENT_ID.eq(agentId)).fetch(AddonRepository::addon);
    }

    /** True when this call moved it from {@code from} (so that two reports never both act on one change). */
    boolean transition(DSLContext tx, UUID id, String from, String to) {
        return tx.update(Addons.T).set(Addons.STATE, to).set(Addons.UPDATED_AT, OffsetDateTime.now())
                .where(Addons.ID.eq(id)).and(Addons.STATE.eq(from)).execute() == 1;
    }

    /** Live add-ons {@code userId} created, for the per-user limit; the user's row is locked first. */
    int countCreatedBy(DSLContext tx, UUID userId) {
        tx.select(dev.paas.api.db.Schema.Users.ID).from(dev.paas.api.db.Schema.Users.T)
                .where(dev.paas.api.db.Schema.Users.ID.eq(userId)).forUpdate().fetch();
        return tx.fetchCount(addons(tx).where(live()).and(Addons.CREATED_BY.eq(userId)));
    }

    /** Live add-ons still provisioning: those created before {@code before} are overdue, null agents wait for room. */
    List<AddonRow> provisioning(DSLContext dsl) {
        return addons(dsl).where(live()).and(Addons.STATE.eq(AddonRow.PROVISIONING))
                .orderBy(Addons.CREATED_AT, Addons.ID).fetch(AddonRepository::addon);
    }

    /** Live add-ons owned by {@code appId}: they go with the app. */
    List<AddonRow> ownedByApp(DSLContext dsl, UUID appId) {
        return addons(dsl).where(Addons.STATE.ne(AddonRow.DEPROVISIONED)).and(Addons.APP_ID.eq(appId))
                .fetch(AddonRepository::addon);
    }

    /** Pins a waiting add-on; false when it was placed (or settled) meanwhile. */
    boolean place(DSLContext tx, UUID id, UUID agentId) {
        return tx.update(Addons.T).set(Addons.AGENT_ID, agentId).set(Addons.UPDATED_AT, OffsetDateTime.now())
                .where(Addons.ID.eq(id)).and(Addons.AGENT_ID.isNull())
                .and(Addons.STATE.eq(AddonRow.PROVISIONING)).execute() == 1;
    }

    /** Attachments of other apps' add-ons on {@code appId}, including those of add-ons being destroyed with it. */
    void deleteAttachmentsOnApp(DSLContext tx, UUID appId) {
        tx.deleteFrom(AddonAttachments.T).where(AddonAttachments.APP_ID.eq(appId)).execute();
    }

    void lock(DSLContext tx, UUID id) {
        tx.select(Addons.ID).from(Addons.T).where(Addons.ID.eq(id)).forUpdate().fetch();
    }

    /** An agent that runs one of the app's processes, so that the add-on is where the app is. */
    Optional<UUID> agentOfApp(DSLContext dsl, UUID appId) {
        return dsl.select(Instances.AGENT_ID).from(Instances.T).where(Instances.APP_ID.eq(appId))
                .and(Instances.AGENT_ID.isNotNull()).orderBy(Instances.TYPE, Instances.INDEX).limit(1)
                .fetchOptional(Instances.AGENT_ID);
    }

    Optional<AttachmentRow> insertAttachment(DSLContext tx, UUID addonId, UUID appId, String name) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(AddonAttachments.T)
                .set(AddonAttachments.ID, id).set(AddonAttachments.ADDON_ID, addonId)
                .set(AddonAttachments.APP_ID, appId).set(AddonAttachments.NAME, name)
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? attachment(tx, id) : Optional.empty();
    }

    Optional<AttachmentRow> attachment(DSLContext dsl, UUID id) {
        return attachments(dsl).and(AddonAttachments.ID.eq(id)).fetchOptional(AddonRepository::attachment);
    }

    List<AttachmentRow> attachmentsOf(DSLContext dsl, UUID addonId) {
        return attachments(dsl).and(AddonAttachments.ADDON_ID.eq(addonId))
                .orderBy(AddonAttachments.CREATED_AT, AddonAttachments.ID).fetch(AddonRepository::attachment);
    }

    List<AttachmentRow> attachmentsOnApp(DSLContext dsl, UUID appId) {
        return attachments(dsl).and(AddonAttachments.APP_ID.eq(appId))
                .orderBy(AddonAttachments.CREATED_AT, AddonAttachments.ID).fetch(AddonRepository::attachment);
    }

    Set<String> attachmentNames(DSLContext dsl, UUID appId) {
        return Set.copyOf(dsl.select(AddonAttachments.NAME).from(AddonAttachments.T)
                .where(AddonAttachments.APP_ID.eq(appId)).fetch(AddonAttachments.NAME));
    }

    void deleteAttachment(DSLContext tx, UUID id) {
        tx.deleteFrom(AddonAttachments.T).where(AddonAttachments.ID.eq(id)).execute();
    }

    void deleteAttachmentsOf(DSLContext tx, UUID addonId) {
        tx.deleteFrom(AddonAttachments.T).where(AddonAttachments.ADDON_ID.eq(addonId)).execute();
    }

    private static org.jooq.SelectJoinStep<Record> addons(DSLContext dsl) {
        return dsl.select(List.<org.jooq.SelectField<?>>of(Addons.ID, Addons.NAME, Addons.APP_ID, OWNER_NAME,
                        Addons.SERVICE, Addons.PLAN, Addons.STATE, Addons.AGENT_ID, Addons.CREATED_BY,
                        Addons.USERNAME, Addons.PASSWORD, Addons.CREATED_AT, Addons.UPDATED_AT))
                .from(Addons.T).join(OWNER).on(OWNER_ID.eq(Addons.APP_ID));
    }

    /** Provisioning or provisioned, and its owning app not destroyed (an app's add-ons go with it). */
    private static Condition live() {
        return Addons.STATE.ne(AddonRow.DEPROVISIONED).and(OWNER_DESTROYED.isNull());
    }

    private static Condition identifiedBy(String idOrName) {
        try {
            return Addons.ID.eq(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAUuid) {
            return Addons.NAME.eq(idOrName.strip());
        }
    }

    private static AddonRow addon(Record r) {
        return new AddonRow(r.get(Addons.ID), r.get(Addons.NAME), r.get(Addons.APP_ID), r.get(OWNER_NAME),
                r.get(Addons.SERVICE), r.get(Addons.PLAN), r.get(Addons.STATE), r.get(Addons.AGENT_ID),
                r.get(Addons.CREATED_BY), r.get(Addons.USERNAME), r.get(Addons.PASSWORD), r.get(Addons.CREATED_AT),
                r.get(Addons.UPDATED_AT));
    }

    private static final org.jooq.Table<Record> ATTACHED = Apps.T.as("attached");
    private static final org.jooq.Field<UUID> ATTACHED_ID = DSL.field(DSL.name("attached", Apps.ID.getName()), UUID.class);
    private static final org.jooq.Field<String> ATTACHED_NAME = DSL.field(DSL.name("attached", Apps.NAME.getName()), String.class);
    private static final org.jooq.Field<OffsetDateTime> ATTACHED_DESTROYED =
            DSL.field(DSL.name("attached", Apps.DESTROYED_AT.getName()), OffsetDateTime.class);

    /** Attachments to live apps of live add-ons. */
    private static org.jooq.SelectConditionStep<Record> attachments(DSLContext dsl) {
        return dsl.select(List.<org.jooq.SelectField<?>>of(AddonAttachments.ID, AddonAttachments.ADDON_ID,
                        Addons.NAME, Addons.APP_ID, OWNER_NAME, AddonAttachments.APP_ID, ATTACHED_NAME,
                        AddonAttachments.NAME, AddonAttachments.CREATED_AT, AddonAttachments.UPDATED_AT))
                .from(AddonAttachments.T)
                .join(Addons.T).on(Addons.ID.eq(AddonAttachments.ADDON_ID))
                .join(OWNER).on(OWNER_ID.eq(Addons.APP_ID))
                .join(ATTACHED).on(ATTACHED_ID.eq(AddonAttachments.APP_ID))
                .where(live()).and(ATTACHED_DESTROYED.isNull());
    }

    private static AttachmentRow attachment(Record r) {
        return new AttachmentRow(r.get(AddonAttachments.ID), r.get(AddonAttachments.ADDON_ID), r.get(Addons.NAME),
                r.get(Addons.APP_ID), r.get(OWNER_NAME), r.get(AddonAttachments.APP_ID), r.get(ATTACHED_NAME),
                r.get(AddonAttachments.NAME), r.get(AddonAttachments.CREATED_AT),
                r.get(AddonAttachments.UPDATED_AT));
    }
}
