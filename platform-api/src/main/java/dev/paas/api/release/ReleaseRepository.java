package dev.paas.api.release;

import static dev.paas.api.db.Schema.OneOffDynos;
import static dev.paas.api.db.Schema.ReleaseOutcomes;
import static dev.paas.api.db.Schema.Releases;
import static dev.paas.api.db.Schema.Users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.app.AppRepository;
import dev.paas.api.db.Jdbc;
import dev.paas.api.db.Rendered;
import dev.paas.api.db.Seek;
import dev.paas.api.db.Values;
import dev.paas.api.error.ApiFailure;
import dev.paas.client.ReleaseStatus;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads and appends rows of the release ledger, and records their outcomes. The database refuses updates
 * and deletes of releases; an outcome only moves forward (pending, then succeeded or failed).
 */
public final class ReleaseRepository {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>>> CHECKS =
            new TypeReference<>() { };
    private static final Map<String, org.jooq.Field<?>> SORT_KEYS = Map.of("version", Releases.VERSION, "id", Releases.ID);
    /** How many of an app's newest releases {@link #current} and {@link #tip} look among first. */
    static final int RECENT = 16;
    private static final String APP = "app";
    /*
     * Constants are inlined, not bound, in the hot lookups below (and in their limits): bound, Postgres planned
     * each execution anew (a custom plan), since a plan for any limit or status looked costlier than one for the
     * value at hand, once the ledger had grown; planning was a quarter of Postgres's CPU in a config:set.
     */
    private static final Condition CURRENT = ReleaseOutcomes.STATUS.eq(DSL.inline(ReleaseStatus.SUCCEEDED.wire()));
    private static final Condition TIP = ReleaseOutcomes.STATUS.ne(DSL.inline(ReleaseStatus.FAILED.wire()));
    private static final String APPS = "apps";
    /** What {@link #row} reads. */
    private static final java.util.List<org.jooq.Field<?>> FIELDS = java.util.List.of(Releases.ID, Releases.APP_ID,
            Releases.VERSION, Releases.BUILD_ID, Releases.IMAGE, Releases.PROCESS_TYPES, Releases.CONFIG,
            Releases.DESCRIPTION, Releases.USER_ID, Users.EMAIL, Releases.CREATED_AT, ReleaseOutcomes.STATUS,
            ReleaseOutcomes.REASON, ReleaseOutcomes.PHASE_DYNO, Releases.HEALTHCHECKS);
    /** Read on every config:set (the tip) and every scheduling pass (the current release): rendered once. */
    private static final Rendered RECENT_TIP = recent(TIP);
    private static final Rendered RECENT_CURRENT = recent(CURRENT);
    /** {@link #RECENT_TIP} of several apps (an array) in one statement: each app's tip, by app id. */
    private static final Rendered RECENT_TIPS = recentTips();
    private final ObjectMapper json;
    /**
     * Plain SQL, rendered once: the hottest write's statement (every config:set). The version is the app's next
     * one, read by this statement: its snapshot is taken after the app's lock was granted (by an earlier
     * statement of the transaction), so it sees every release committed before, and the releases_gapless
     * trigger checks it again. The outcome's insert sees the release (its foreign key is checked at the
     * statement's end).
     */
    private static final String INSERT = """
            with release as (
                insert into releases (id, app_id, version, build_id, image, process_types, config, healthchecks,
                                      description, user_id)
                select gen_random_uuid(), ?, coalesce(max(version), 0) + 1, ?::uuid, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::uuid
                from releases where app_id = ?
                returning id, version, created_at, user_id),
            outcome as (
                insert into release_outcomes (release_id, status) select id, ? from release)
            select release.id, release.version, release.created_at, users.email
            from release left join users on users.id = release.user_id""";

    /** What {@link #INSERT} returns: the id, the version, the time, the author's email. */
    private static final java.util.List<java.util.List<Class<?>>> ADDED =
            java.util.List.of(java.util.List.of(UUID.class, Integer.class, OffsetDateTime.class, String.class));

    /** Each app's newest version (null: none) and the transaction's time: for {@link #lockThenTips}. */
    private static final String NEWEST = """
            select wanted.app_id, (select max(version) from releases where releases.app_id = wanted.app_id), now()
            from unnest(?) as wanted(app_id)""";

    /** {@link #deferInsert}'s two inserts, a row each per release: the releases first, then their outcomes. */
    private static final String INSERT_RELEASES = "insert into releases (id, app_id, version, build_id, image, "
            + "process_types, config, healthchecks, description, user_id) values ";
    private static final String RELEASE_ROW = "(?, ?, ?, ?::uuid, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::uuid)";
    private static final String INSERT_OUTCOMES = "insert into release_outcomes (release_id, status) values ";
    private static final String OUTCOME_ROW = "(?, ?)";
    /** Release ids: a generator per thread (the JDK's default one, shared, takes a lock on every id). */
    private static final ThreadLocal<java.security.SecureRandom> IDS = ThreadLocal.withInitial(() -> {
        try {
            return java.security.SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new java.security.SecureRandom();
        }
    });

    public ReleaseRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The newest release, whatever its outcome: it gives the next release its version. */
    public Optional<ReleaseRow> latest(DSLContext dsl, UUID appId) {
        return base(dsl).where(Releases.APP_ID.eq(appId)).orderBy(Releases.VERSION.desc()).limit(1)
                .fetchOptional(this::row);
    }

    /** The release the app runs: its newest succeeded one (never a pending or failed one). */
    public Optional<ReleaseRow> current(DSLContext dsl, UUID appId) {
        return newest(dsl, appId, CURRENT);
    }

    /**
     * What the next release derives from (its build, its config): the newest release that did not fail,
     * so that a change made while a release phase runs builds on that release, and a failed one is skipped.
     */
    public Optional<ReleaseRow> tip(DSLContext dsl, UUID appId) {
        return newest(dsl, appId, TIP);
    }

    /** The newest of the app's newest {@link #RECENT} releases whose outcome matches, for {@link #newest}. */
    private static Rendered recent(Condition outcome) {
        var dsl = DSL.using(SQLDialect.POSTGRES);
        var recent = dsl.select(Releases.T.asterisk()).from(Releases.T)
                .where(Releases.APP_ID.eq(DSL.param(APP, Releases.APP_ID.getDataType())))
                .orderBy(Releases.VERSION.desc()).limit(DSL.inline(RECENT)).asTable(Releases.T.getName());
        return Rendered.of(base(dsl, recent).where(outcome).orderBy(Releases.VERSION.desc()).limit(DSL.inline(1)));
    }

    /**
     * For each app of an array: the newest of its newest {@link #RECENT} releases that did not fail (as
     * {@link #RECENT_TIP}, each app's read through the (app_id, version) index), one row per app that has one.
     */
    private static Rendered recentTips() {
        var dsl = DSL.using(SQLDialect.POSTGRES);
        var wanted = DSL.unnest(DSL.param(APPS, SQLDataType.UUID.array())).as("wanted", "app_id");
        var recent = dsl.select(Releases.T.asterisk()).from(Releases.T)
                .where(Releases.APP_ID.eq(wanted.field("app_id", UUID.class)))
                .orderBy(Releases.VERSION.desc()).limit(DSL.inline(RECENT)).asTable(Releases.T.getName());
        // The tip's release row (its own scope: the joins below are the outer query's, as in every lookup here).
        var tip = DSL.lateral(dsl.select(recent.asterisk())
                .from(recent.join(ReleaseOutcomes.T).on(ReleaseOutcomes.RELEASE_ID.eq(Releases.ID)))
                .where(TIP).orderBy(Releases.VERSION.desc()).limit(DSL.inline(1))).as(Releases.T.getName());
        return Rendered.of(base(dsl, wanted.crossJoin(tip)));
    }

    /**
     * The app's newest release whose outcome matches {@code outcome}, looked for among its newest
     * {@link #RECENT} releases first. With the outcome filter in the same query, the plan depends on what
     * the statistics say of it: before release_outcomes' first ANALYZE (a new platform, a fresh bench
     * database) the planner takes {@code status = 'succeeded'} for rare and reads the app's whole ledger,
     * probes every outcome and sorts, on every release (4.8 ms at 250 releases, growing with the ledger,
     * under the app's lock). The newest few by version come from the (app_id, version) index in order, and
     * stop there, whatever the statistics; only an app whose newest {@link #RECENT} releases all failed
     * (or are pending) looks further.
     */
    private Optional<ReleaseRow> newest(DSLContext dsl, UUID appId, Condition outcome) {
        Rendered recent = outcome == TIP ? RECENT_TIP : outcome == CURRENT ? RECENT_CURRENT : recent(outcome);
        return recent.fetchOptional(dsl, Map.of(APP, appId), this::rowOf).or(() -> older(dsl, appId, outcome));
    }

    /** Past the newest {@link #RECENT}: see {@link #newest}. */
    private Optional<ReleaseRow> older(DSLContext dsl, UUID appId, Condition outcome) {
        return base(dsl).where(Releases.APP_ID.eq(appId)).and(outcome).orderBy(Releases.VERSION.desc()).limit(1)
                .fetchOptional(this::row);
    }

    /**
     * Locks the app's row as {@link AppRepository#lock} does, then reads its {@link #tip}: one round trip for the
     * two statements that open every release (see {@link Rendered#fetchOptionalAfter}: the tip is read after the
     * lock is granted, so it is the newest). Fails as the lock does when the app was destroyed.
     */
    public Optional<ReleaseRow> lockThenTip(DSLContext tx, UUID appId) {
        return RECENT_TIP.fetchOptionalAfter(tx, AppRepository.LOCK, appId, Map.of(APP, appId), this::rowOf)
                .orElseThrow(AppRepository::destroyedMeanwhile).or(() -> older(tx, appId, TIP));
    }

    /**
     * What {@link #lockThenTips} read of an app it locked: its {@link #tip}, its newest version (0: none, whatever
     * its outcome: the next release's is one more) and the transaction's time (what {@code now()} gives its rows).
     */
    public record Ahead(Optional<ReleaseRow> tip, int newestVersion, OffsetDateTime now) {
    }

    /**
     * {@link #lockThenTip} for several apps in one round trip of four statements: from here to its end the
     * transaction waits at most {@code lockWait} for any lock, then fails (Postgres's {@code lock_timeout}); the
     * apps' locks, taken in id order (so that two such never wait for each other in a cycle); then their tips and
     * their newest versions, read once the locks are held, so each is its app's newest. An app missing from the
     * result was destroyed; an empty tip means the app has no release that did not fail.
     */
    public Map<UUID, Ahead> lockThenTips(DSLContext tx, java.util.List<UUID> appIds, java.time.Duration lockWait) {
        UUID[] ids = appIds.toArray(UUID[]::new);
        // The tips and the newest versions are read with their generic plans: planned for the array at hand, each
        // execution was planned anew, which cost Postgres three times their execution (a sixth of its CPU under a
        // sustained config:set load). Their plan is the same whatever the array: an index lookup per app.
        var results = Rendered.together(tx, java.util.List.of(
                new Rendered.Bound("select set_config('lock_timeout', ?, true), "
                        + "set_config('plan_cache_mode', 'force_generic_plan', true)",
                        java.util.List.of(lockWait.toMillis() + "ms")),
                new Rendered.Bound(AppRepository.LOCK_ALL, java.util.List.<Object>of((Object) ids)),
                RECENT_TIPS.bind(Map.of(APPS, ids)),
                new Rendered.Bound(NEWEST, java.util.List.<Object>of((Object) ids),
                        java.util.List.of(UUID.class, Integer.class, OffsetDateTime.class)),
                new Rendered.Bound("select set_config('plan_cache_mode', 'auto', true)", java.util.List.of())));
        var found = new java.util.HashMap<UUID, ReleaseRow>();
        RECENT_TIPS.allOf(results.get(2), this::rowOf).forEach(r -> found.put(r.appId(), r));
        var newest = new java.util.HashMap<UUID, Object[]>();
        results.get(3).forEach(row -> newest.put((UUID) row[0], row));
        var ahead = new java.util.LinkedHashMap<UUID, Ahead>();
        for (Object[] locked : results.get(1)) {
            UUID appId = (UUID) locked[0];
            Object[] versionAndNow = newest.get(appId);
            ahead.put(appId, new Ahead(Optional.ofNullable(found.get(appId)).or(() -> older(tx, appId, TIP)),
                    versionAndNow[1] == null ? 0 : (Integer) versionAndNow[1], (OffsetDateTime) versionAndNow[2]));
        }
        return ahead;
    }

    /** Whether one of the app's newest {@code count} releases (by version) runs {@code image}. */
    public boolean amongNewest(DSLContext dsl, UUID appId, String image, int count) {
        var newest = dsl.select(Releases.IMAGE.as("image")).from(Releases.T).where(Releases.APP_ID.eq(appId))
                .orderBy(Releases.VERSION.desc()).limit(count).asTable("newest");
        return dsl.fetchExists(dsl.selectOne().from(newest)
                .where(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("newest", "image"), String.class).eq(image)));
    }

    /** Whether {@code dyno} ({@code release.3}) is the release phase of one of the app's pending releases. */
    public boolean phaseRunning(DSLContext dsl, UUID appId, String dyno) {
        String prefix = dev.paas.client.ProcessTypes.RELEASE + ".";
        if (dyno == null || !dyno.matches(java.util.regex.Pattern.quote(prefix) + "\\d{1,9}")) {
            return false;
        }
        return dsl.fetchExists(dsl.selectOne().from(ReleaseOutcomes.T).join(Releases.T)
                .on(Releases.ID.eq(ReleaseOutcomes.RELEASE_ID)).where(Releases.APP_ID.eq(appId))
                .and(ReleaseOutcomes.PHASE_DYNO.eq(Integer.parseInt(dyno.substring(prefix.length()))))
                .and(ReleaseOutcomes.STATUS.eq(ReleaseStatus.PENDING.wire())));
    }

    /** A pending release whose release phase is over: its one-off ended, or its deadline passed. */
    record Settling(UUID appId, UUID releaseId, boolean ended, Integer exitCode, boolean overdue) {
    }

    /** Pending releases whose release phase ended (its one-off is complete) or is overdue at {@code now}. */
    java.util.List<Settling> settling(DSLContext dsl, OffsetDateTime now) {
        return dsl.select(Releases.APP_ID, Releases.ID, OneOffDynos.STATE,
                        OneOffDynos.EXIT_CODE, ReleaseOutcomes.DEADLINE)
                .from(ReleaseOutcomes.T)
                .join(Releases.T).on(Releases.ID.eq(ReleaseOutcomes.RELEASE_ID))
                .leftJoin(OneOffDynos.T)
                .on(OneOffDynos.APP_ID.eq(Releases.APP_ID))
                .and(OneOffDynos.NUMBER.eq(ReleaseOutcomes.PHASE_DYNO))
                .where(ReleaseOutcomes.STATUS.eq(ReleaseStatus.PENDING.wire()))
                .and(OneOffDynos.STATE.eq("complete").or(ReleaseOutcomes.DEADLINE.lt(now)))
                .fetch(r -> new Settling(r.value1(), r.value2(), "complete".equals(r.value3()), r.value4(),
                        r.value5() != null && r.value5().isBefore(now)));
    }

    /** Records that the release runs its release phase as {@code release.<dyno>} until {@code deadline}. */
    void phaseStarted(DSLContext tx, UUID releaseId, int dyno, OffsetDateTime deadline) {
        tx.update(ReleaseOutcomes.T).set(ReleaseOutcomes.PHASE_DYNO, dyno).set(ReleaseOutcomes.DEADLINE, deadline)
                .set(ReleaseOutcomes.UPDATED_AT, OffsetDateTime.now()).where(ReleaseOutcomes.RELEASE_ID.eq(releaseId))
                .execute();
    }

    /** Pending to succeeded; false when it was not pending (settled meanwhile). */
    boolean succeed(DSLContext tx, UUID releaseId) {
        return tx.update(ReleaseOutcomes.T).set(ReleaseOutcomes.STATUS, ReleaseStatus.SUCCEEDED.wire())
                .set(ReleaseOutcomes.UPDATED_AT, OffsetDateTime.now())
                .where(ReleaseOutcomes.RELEASE_ID.eq(releaseId))
                .and(ReleaseOutcomes.STATUS.eq(ReleaseStatus.PENDING.wire())).execute() == 1;
    }

    /** Pending or succeeded to failed, with why; false when it had failed already. */
    boolean fail(DSLContext tx, UUID releaseId, String reason) {
        String kept = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
        return tx.update(ReleaseOutcomes.T).set(ReleaseOutcomes.STATUS, ReleaseStatus.FAILED.wire())
                .set(ReleaseOutcomes.REASON, kept).set(ReleaseOutcomes.UPDATED_AT, OffsetDateTime.now())
                .where(ReleaseOutcomes.RELEASE_ID.eq(releaseId))
                .and(ReleaseOutcomes.STATUS.ne(ReleaseStatus.FAILED.wire())).execute() == 1;
    }

    /** A release by id, version number, or {@code vN}. */
    public ReleaseRow require(DSLContext dsl, UUID appId, String idOrVersion) {
        return base(dsl).where(Releases.APP_ID.eq(appId)).and(identifiedBy(idOrVersion)).fetchOptional(this::row)
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find release " + idOrVersion
                        + ". Use a version such as v3 (see `paas releases`) or a release id."));
    }

    Seek.Page<ReleaseRow> list(DSLContext dsl, UUID appId, Seek seek) {
        return seek.fetch(base(dsl).where(Releases.APP_ID.eq(appId)), SORT_KEYS, this::row);
    }

    /**
     * Appends the app's next version; the caller holds the app's row locked (FOR UPDATE) in this transaction
     * since an earlier statement, which is what makes the version this statement reads the next one.
     */
    ReleaseRow insert(DSLContext tx, UUID appId, Draft draft, ReleaseStatus status) {
        // One statement for the release's version, the release, its outcome and what the database adds (its time,
        // its author's email): the row is handed on as written, without a re-read of what was just serialised.
        var added = Jdbc.run(tx, INSERT, java.util.Arrays.asList(appId, draft.buildId(), draft.image(),
                jsonb(draft.processTypes()), jsonb(draft.config()),
                jsonb(draft.healthchecks() == null ? Map.of() : draft.healthchecks()), draft.description(),
                draft.userId(), appId, status.wire()), ADDED).getFirst().getFirst();
        return written((UUID) added[0], appId, (Integer) added[1], (OffsetDateTime) added[2], (String) added[3], draft,
                status);
    }

    /**
     * {@link #insert}, deferred to the transaction's end ({@link dev.paas.api.event.Tx#deferRows}): the releases of a
     * shared transaction's appends are one insert, and their outcomes another, instead of a round trip each. The
     * caller gives what {@link #insert} reads back: the version (the app's newest plus one, under its lock: the
     * releases_gapless trigger checks it again), the transaction's time ({@code now()}, as the row's default) and the
     * author's email. Nothing in the transaction may read the release back: it is not written yet.
     */
    ReleaseRow deferInsert(dev.paas.api.event.Tx tx, UUID appId, int version, OffsetDateTime now, Draft draft,
                           ReleaseStatus status) {
        UUID id = randomId();
        tx.deferRows(INSERT_RELEASES, RELEASE_ROW, id, appId, version, draft.buildId(), draft.image(),
                jsonb(draft.processTypes()), jsonb(draft.config()),
                jsonb(draft.healthchecks() == null ? Map.of() : draft.healthchecks()), draft.description(),
                draft.userId());
        tx.deferRows(INSERT_OUTCOMES, OUTCOME_ROW, id, status.wire());
        return written(id, appId, version, now, draft.userEmail(), draft, status);
    }

    /** The row {@code draft} makes, as written. */
    private static ReleaseRow written(UUID id, UUID appId, int version, OffsetDateTime createdAt, String userEmail,
                                      Draft draft, ReleaseStatus status) {
        return new ReleaseRow(id, appId, version, draft.buildId(), draft.image(), frozen(draft.processTypes()),
                frozen(draft.config()), draft.description(), draft.userId(), userEmail, createdAt, status, null, null,
                draft.healthchecks() == null ? Map.of() : frozen(draft.healthchecks()));
    }

    /** A random (version 4) UUID, as Postgres's gen_random_uuid() makes them. */
    private static UUID randomId() {
        byte[] b = new byte[16];
        IDS.get().nextBytes(b);
        var bytes = java.nio.ByteBuffer.wrap(b);
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // the IETF variant
        return new UUID(high, low);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    private static Condition identifiedBy(String idOrVersion) {
        String s = idOrVersion.trim();
        if (s.matches("[vV]?\\d{1,9}")) {
            return Releases.VERSION.eq(Integer.parseInt(s.replaceFirst("^[vV]", "")));
        }
        try {
            return Releases.ID.eq(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            throw ApiFailure.invalid("'" + idOrVersion + "' is neither a release version (such as v3) nor a release id.");
        }
    }

    private static SelectJoinStep<Record> base(DSLContext dsl) {
        return base(dsl, Releases.T);
    }

    /** {@code releases} is the releases table, or a subset of it under the name "releases". */
    private static SelectJoinStep<Record> base(DSLContext dsl, org.jooq.Table<?> releases) {
        return dsl.select(FIELDS)
                .from(releases.leftJoin(Users.T).on(Users.ID.eq(Releases.USER_ID))
                        .join(ReleaseOutcomes.T).on(ReleaseOutcomes.RELEASE_ID.eq(Releases.ID)));
    }

    private ReleaseRow row(Record r) {
        return rowOf(Values.of(r));
    }

    private ReleaseRow rowOf(Values r) {
        return new ReleaseRow(r.get(Releases.ID), r.get(Releases.APP_ID), r.get(Releases.VERSION),
                r.get(Releases.BUILD_ID), r.get(Releases.IMAGE), map(r.get(Releases.PROCESS_TYPES)),
                map(r.get(Releases.CONFIG)), r.get(Releases.DESCRIPTION), r.get(Releases.USER_ID), r.get(Users.EMAIL),
                r.get(Releases.CREATED_AT), ReleaseStatus.of(r.get(ReleaseOutcomes.STATUS)),
                r.get(ReleaseOutcomes.REASON), r.get(ReleaseOutcomes.PHASE_DYNO), checks(r.get(Releases.HEALTHCHECKS)));
    }

    private Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> checks(JSONB value) {
        try {
            return empty(value) ? Map.of() : json.readValue(value.data(), CHECKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("releases.healthchecks holds JSON that is not a map of check lists", e);
        }
    }

    private Map<String, String> map(JSONB value) {
        try {
            return empty(value) ? Map.of() : json.readValue(value.data(), STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release column holds JSON that is not a string map", e);
        }
    }

    /** Null, or the empty object as Postgres prints it: most releases' health checks, a config-only app's types. */
    private static boolean empty(JSONB value) {
        return value == null || "{}".equals(value.data());
    }

    private JSONB jsonb(Map<String, ?> value) {
        try {
            return JSONB.valueOf(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of records is always serializable", e);
        }
    }
}
