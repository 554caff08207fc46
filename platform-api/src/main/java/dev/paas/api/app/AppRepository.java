package dev.paas.api.app;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Collaborators;
import static dev.paas.api.db.Schema.Releases;
import static dev.paas.api.db.Schema.Users;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import dev.paas.api.auth.User;
import dev.paas.api.db.Rendered;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.error.Constraints;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Apps and who may see them: their owner, their collaborators, and admins. */
public final class AppRepository {
    // The newest release by version: one probe of the (app_id, version) index, however long the ledger. The limit
    // is inlined: bound, Postgres planned every lookup anew (see ReleaseRepository's CURRENT).
    private static final Field<OffsetDateTime> RELEASED_AT = select(Releases.CREATED_AT)
            .from(Releases.T).where(Releases.APP_ID.eq(Apps.ID)).orderBy(Releases.VERSION.desc())
            .limit(DSL.inline(1)).asField("released_at");
    private static final Map<String, Field<?>> SORT_KEYS = Map.of("name", Apps.NAME, "id", Apps.ID);
    private static final String KEY = "app";
    private static final String OWNER = "owner";
    private static final String COLLABORATOR = "collaborator";
    /**
     * The app lookup of every request under /apps/{app} (every config:set reads it afresh), rendered once per way
     * of naming the app and of seeing it (an admin sees every app): rendering it anew was jOOQ's work per request.
     */
    private static final Rendered BY_NAME_VISIBLE = lookup(Apps.NAME, true);
    private static final Rendered BY_NAME = lookup(Apps.NAME, false);
    private static final Rendered BY_ID_VISIBLE = lookup(Apps.ID, true);
    private static final Rendered BY_ID = lookup(Apps.ID, false);

    /** Inserts a live app; a taken name comes back as an empty result (the unique index decides). */
    Optional<UUID> insert(DSLContext tx, String name, UUID ownerId) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(Apps.T)
                .set(Apps.ID, id).set(Apps.NAME, name).set(Apps.OWNER_ID, ownerId)
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** The app named by id or name, if {@code user} may access it; otherwise 404, as for a missing app. */
    public AppRow require(DSLContext dsl, User user, String idOrName) {
        return find(dsl, user, idOrName).orElseThrow(() -> notFound(idOrName));
    }

    static ApiFailure notFound(String idOrName) {
        return ApiFailure.notFound("Couldn't find that app: " + idOrName + ". Check the name with `paas apps`.");
    }

    public Optional<AppRow> find(DSLContext dsl, User user, String idOrName) {
        Optional<UUID> id = asId(idOrName);
        Rendered lookup = id.isPresent() ? (user.admin() ? BY_ID : BY_ID_VISIBLE)
                : (user.admin() ? BY_NAME : BY_NAME_VISIBLE);
        Map<String, Object> values = new HashMap<>(4);
        values.put(KEY, id.isPresent() ? id.get() : idOrName);
        if (!user.admin()) {
            values.put(OWNER, user.id());
            values.put(COLLABORATOR, user.id());
        }
        return lookup.fetchOptional(dsl, values, AppRepository::rowOf);
    }

    /** One lookup as {@link #find} runs it, with named parameters for the app and the user. */
    private static Rendered lookup(Field<?> key, boolean visibleOnly) {
        @SuppressWarnings("unchecked")
        Condition identified = ((Field<Object>) key).eq(DSL.param(KEY, key.getDataType()));
        Condition visible = visibleOnly ? Apps.OWNER_ID.eq(DSL.param(OWNER, Apps.OWNER_ID.getDataType()))
                .or(exists(selectOne().from(Collaborators.T).where(Collaborators.APP_ID.eq(Apps.ID))
                        .and(Collaborators.USER_ID.eq(DSL.param(COLLABORATOR, Collaborators.USER_ID.getDataType())))))
                : noCondition();
        return Rendered.of(base(DSL.using(SQLDialect.POSTGRES)).where(identified).and(Apps.DESTROYED_AT.isNull())
                .and(visible));
    }

    /** Locks a live app's row until the transaction ends: writers of one app's ledger take turns. */
    public void lock(DSLContext tx, UUID appId) {
        tx.fetchOptional(LOCK, appId).orElseThrow(AppRepository::destroyedMeanwhile);
    }

    /**
     * {@link #lock}'s statement, for those who send it with the next one (the ledger's tip). Plain SQL: the first
     * statement of every release, too simple to be worth jOOQ's rendering on each call.
     */
    public static final String LOCK = "select id from apps where id = ? and destroyed_at is null for update";

    /**
     * {@link #LOCK} for several apps (bound as an array) in one statement: the rows are locked in id order (the
     * locking comes after the sort), so two transactions that lock so never wait for each other in a cycle.
     */
    public static final String LOCK_ALL =
            "select id from apps where id = any(?) and destroyed_at is null order by id for update";

    /** Why {@link #lock} failed: the app's row is gone (destroyed since it was looked up). */
    public static ApiFailure destroyedMeanwhile() {
        return ApiFailure.notFound("Couldn't find that app: it was destroyed meanwhile.");
    }

    /** Like {@link #lock} but false instead of failing when the app is gone. */
    public boolean lockIfLive(DSLContext tx, UUID appId) {
        return tx.select(Apps.ID).from(Apps.T).where(Apps.ID.eq(appId)).and(Apps.DESTROYED_AT.isNull()).forUpdate()
                .fetchOptional().isPresent();
    }

    /** Like {@link #lock} but false instead of waiting or failing when the app is busy or gone. */
    public boolean tryLock(DSLContext tx, UUID appId) {
        return tx.select(Apps.ID).from(Apps.T).where(Apps.ID.eq(appId)).and(Apps.DESTROYED_AT.isNull()).forUpdate()
                .skipLocked().fetchOptional().isPresent();
    }

    Seek.Page<AppRow> list(DSLContext dsl, User user, Seek seek) {
        return seek.fetch(base(dsl).where(Apps.DESTROYED_AT.isNull()).and(visibleTo(user)), SORT_KEYS,
                AppRepository::row);
    }

    /** The apps {@code user} owns or collaborates on, whatever their admin rights: Heroku's /users/~/apps. */
    Seek.Page<AppRow> listOwnOrShared(DSLContext dsl, User user, Seek seek) {
        return seek.fetch(base(dsl).where(Apps.DESTROYED_AT.isNull()).and(ownedOrShared(user)), SORT_KEYS,
                AppRepository::row);
    }

    /** False when another live app has the name (the unique index decides). */
    boolean rename(DSLContext tx, UUID appId, String name) {
        try {
            tx.update(Apps.T).set(Apps.NAME, name).set(Apps.UPDATED_AT, OffsetDateTime.now())
                    .where(Apps.ID.eq(appId)).execute();
            return true;
        } catch (DataAccessException e) {
            if (Constraints.uniqueViolation(e).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    void markDestroyed(DSLContext tx, UUID appId) {
        tx.update(Apps.T).set(Apps.DESTROYED_AT, OffsetDateTime.now()).set(Apps.UPDATED_AT, OffsetDateTime.now())
                .where(Apps.ID.eq(appId)).execute();
    }

    public static Condition visibleTo(User user) {
        if (user.admin()) {
            return noCondition();
        }
        return ownedOrShared(user);
    }

    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "\\p{XDigit}{1,8}-\\p{XDigit}{1,4}-\\p{XDigit}{1,4}-\\p{XDigit}{1,4}-\\p{XDigit}{1,12}");

    private static Condition ownedOrShared(User user) {
        return Apps.OWNER_ID.eq(user.id()).or(exists(selectOne().from(Collaborators.T)
                .where(Collaborators.APP_ID.eq(Apps.ID)).and(Collaborators.USER_ID.eq(user.id()))));
    }

    private static Optional<UUID> asId(String idOrName) {
        // Checked before parsing: every request names its app, mostly by name, and a thrown exception per
        // request (its stack trace filled in) was a measurable part of a config:set's CPU.
        if (UUID_TEXT.matcher(idOrName).matches()) {
            try {
                return Optional.of(UUID.fromString(idOrName));
            } catch (IllegalArgumentException notAUuid) {
                // falls through: a name that only looks like an id
            }
        }
        return Optional.empty();
    }

    private static org.jooq.SelectJoinStep<Record> base(DSLContext dsl) {
        return dsl.select(java.util.List.of(Apps.ID, Apps.NAME, Apps.OWNER_ID, Users.EMAIL, Apps.CREATED_AT, Apps.UPDATED_AT, RELEASED_AT,
                        Apps.ACM))
                .from(Apps.T.join(Users.T).on(Users.ID.eq(Apps.OWNER_ID)));
    }

    private static AppRow row(Record r) {
        return rowOf(dev.paas.api.db.Values.of(r));
    }

    private static AppRow rowOf(dev.paas.api.db.Values r) {
        return new AppRow(r.get(Apps.ID), r.get(Apps.NAME), r.get(Apps.OWNER_ID), r.get(Users.EMAIL),
                r.get(Apps.CREATED_AT), r.get(Apps.UPDATED_AT), r.get(RELEASED_AT),
                Boolean.TRUE.equals(r.get(Apps.ACM)));
    }
}
