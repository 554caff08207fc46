package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.Api;
import dev.paas.api.TestPlatform;
import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tip and the app are read by every config:set. Postgres plans a prepared statement once (a generic plan)
 * only if that plan looks no costlier than one made for the values at hand; with a bound LIMIT or outcome status
 * it never did once ledgers had grown and been analysed, so each lookup was planned anew: a quarter of
 * Postgres's CPU per release. These tests run the lookups as the API does (pgjdbc prepares a statement on the
 * server from its fifth run) on a database of its own with 16 ledgers of 1,000 releases, analysed.
 */
class HotLookupsPlannedOnceTest {
    private static final int APPS = 16;
    private static final int LEDGER = 1_000;
    private static final int RUNS = 15;
    private static TestPlatform platform;
    private static UUID appId;
    private static User owner;

    @BeforeAll
    static void seedGrownLedgers() throws SQLException {
        platform = TestPlatform.withEnv(Map.of());
        var api = new Api(platform.baseUrl());
        String token = platform.user("planned@example.com");
        for (int i = 0; i < APPS; i++) {
            assertThat(api.post(token, "/apps", "{\"name\":\"grown-" + i + "\"}").status()).isEqualTo(201);
        }
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            db.execute("with made as (insert into releases (id, app_id, version, config, description, user_id) "
                    + "select gen_random_uuid(), apps.id, v, jsonb_build_object('V', v::text), 'Set V config vars', "
                    + "apps.owner_id from apps, generate_series(2, ?) v returning id) "
                    + "insert into release_outcomes (release_id, status) select id, 'succeeded' from made", LEDGER);
            db.execute("analyze");
            var row = db.fetchSingle("select apps.id, users.id, users.email, users.created_at from apps "
                    + "join users on users.id = apps.owner_id where apps.name = 'grown-3'");
            appId = row.get(0, UUID.class);
            owner = new User(row.get(1, UUID.class), row.get(2, String.class), false,
                    row.get(3, OffsetDateTime.class), row.get(3, OffsetDateTime.class));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void the_tip_and_the_current_release_are_planned_once_per_connection() throws SQLException {
        var releases = new ReleaseRepository(new ObjectMapper());

        assertThat(genericPlans(db -> releases.tip(db, appId).orElseThrow(), "<> 'failed'")).isPositive();
        assertThat(genericPlans(db -> releases.current(db, appId).orElseThrow(), "= 'succeeded'")).isPositive();
    }

    @Test
    void the_app_lookup_is_planned_once_per_connection() throws SQLException {
        var apps = new AppRepository();

        assertThat(genericPlans(db -> apps.find(db, owner, "grown-3").orElseThrow(), "as \"released_at\""))
                .isPositive();
    }

    /** Runs {@code lookup} {@link #RUNS} times on one connection: how often its statement ran on a generic plan. */
    private static long genericPlans(Consumer<DSLContext> lookup, String fragment) throws SQLException {
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            for (int i = 0; i < RUNS; i++) {
                lookup.accept(db);
            }
            var plans = db.fetchSingle("select coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) "
                    + "from pg_prepared_statements where statement like ?", "%" + fragment + "%");
            assertThat(plans.get(0, Long.class) + plans.get(1, Long.class))
                    .as("the lookup ran as a statement prepared on the server").isPositive();
            return plans.get(0, Long.class);
        }
    }
}
