package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.Api;
import dev.paas.api.TestPlatform;
import dev.paas.client.ReleaseStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The current release and the tip are looked up on every release, under the app's lock. On a database whose
 * release_outcomes has no statistics yet (a new platform, before autovacuum's first ANALYZE: the state this test's
 * database of its own is in), a lookup that filtered by outcome in the same query read the app's whole ledger and
 * sorted it, so every release cost more than the one before. These tests count the outcomes a lookup reads.
 */
class NewestReleaseLookupTest {
    private static final int LEDGER = 400;
    private static TestPlatform platform;
    private static final int FAILED_TAIL = ReleaseRepository.RECENT + 4;
    private static UUID appId;
    private static UUID failingTailId;

    @BeforeAll
    static void seedLongLedgers() throws SQLException {
        platform = TestPlatform.withEnv(Map.of());
        var api = new Api(platform.baseUrl());
        String token = platform.user("ledger@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"long-ledger\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps", "{\"name\":\"failing-tail\"}").status()).isEqualTo(201);
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            appId = idOf(db, "long-ledger");
            failingTailId = idOf(db, "failing-tail");
            append(db, appId, 2, LEDGER, "succeeded");
            append(db, failingTailId, 2, LEDGER, "succeeded");
            // Newer releases that all failed, more of them than the lookup looks among first.
            append(db, failingTailId, LEDGER + 1, LEDGER + FAILED_TAIL, "failed");
        }
    }

    private static UUID idOf(DSLContext db, String app) {
        return db.fetchSingle("select id from apps where name = ?", app).get(0, UUID.class);
    }

    /** Versions {@code from..to} as the ledger appends them, in one statement. */
    private static void append(DSLContext db, UUID app, int from, int to, String status) {
        db.execute("with made as (insert into releases (id, app_id, version, config, description) "
                + "select gen_random_uuid(), ?, v, jsonb_build_object('V', v::text), 'Set V config vars' "
                + "from generate_series(?, ?) v returning id) "
                + "insert into release_outcomes (release_id, status, reason) select id, ?, "
                + "case when ? = 'failed' then 'the release command exited with status 1' end from made",
                app, from, to, status, status);
    }

    @AfterAll
    static void stop() throws SQLException {
        platform.close();
    }

    @Test
    void the_current_release_of_a_long_ledger_is_found_among_its_newest_releases() throws SQLException {
        var read = outcomesRead((repo, db) -> repo.current(db, appId).orElseThrow());
        assertThat(read.release().version()).isEqualTo(LEDGER);
        assertThat(read.outcomes()).as("outcomes read to find v%d", LEDGER).isLessThanOrEqualTo(ReleaseRepository.RECENT);
    }

    @Test
    void the_tip_of_a_long_ledger_is_found_among_its_newest_releases() throws SQLException {
        var read = outcomesRead((repo, db) -> repo.tip(db, appId).orElseThrow());
        assertThat(read.release().version()).isEqualTo(LEDGER);
        assertThat(read.outcomes()).as("outcomes read to find v%d", LEDGER).isLessThanOrEqualTo(ReleaseRepository.RECENT);
    }

    @Test
    void a_current_release_older_than_the_newest_few_is_still_found() throws SQLException {
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            var repo = new ReleaseRepository(new ObjectMapper());
            var current = repo.current(db, failingTailId).orElseThrow();
            assertThat(current.version()).isEqualTo(LEDGER);
            assertThat(current.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
            assertThat(repo.tip(db, failingTailId).orElseThrow().version()).isEqualTo(LEDGER);
            assertThat(repo.latest(db, failingTailId).orElseThrow().version()).isEqualTo(LEDGER + FAILED_TAIL);
        }
    }

    private record Read(ReleaseRow release, long outcomes) {
    }

    /** Runs {@code lookup} in a transaction and counts the release_outcomes rows it fetched (this transaction's own statistics). */
    private static Read outcomesRead(BiFunction<ReleaseRepository, DSLContext, ReleaseRow> lookup) throws SQLException {
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            return db.transactionResult(cfg -> {
                var tx = cfg.dsl();
                long before = fetched(tx);
                ReleaseRow release = lookup.apply(new ReleaseRepository(new ObjectMapper()), tx);
                return new Read(release, fetched(tx) - before);
            });
        }
    }

    private static long fetched(DSLContext tx) {
        return tx.fetchSingle("select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
                + "from pg_stat_xact_user_tables where relname = 'release_outcomes'").get(0, Long.class);
    }
}
