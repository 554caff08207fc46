package dev.paas.api.db;

import static dev.paas.api.db.Schema.ApiTokens;
import static dev.paas.api.db.Schema.Users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.ApiConfig;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import dev.paas.client.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read caches are dropped by {@link Database#afterWrite} on the writer's own thread: before the write
 * returns (so the writer's next request cannot see the old value) and never before its commit (or a
 * read in between could cache the old value again after the drop).
 */
@ExtendWith(PlatformExtension.class)
class WritesAnnouncedTest {
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger userWrites = new AtomicInteger();
    private Database database;

    @BeforeEach
    void open(TestPlatform platform) {
        database = new Database(ApiConfig.fromEnv(Map.of("DATABASE_URL", platform.databaseUrl())));
        database.afterWrite(usersOrTokens -> {
            writes.incrementAndGet();
            if (usersOrTokens) {
                userWrites.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_write_outside_a_transaction_is_announced_before_it_returns() {
        database.dsl().update(Users.T).set(Users.ADMIN, Users.ADMIN).where(DSL.falseCondition()).execute();

        assertThat(writes).hasValue(1);
    }

    @Test
    void a_transaction_is_announced_once_committed_and_not_before() {
        database.dsl().transaction(cfg -> {
            cfg.dsl().update(Users.T).set(Users.ADMIN, Users.ADMIN).where(DSL.falseCondition()).execute();
            assertThat(writes).hasValue(0);
        });

        assertThat(writes).hasValue(1);
    }

    @Test
    void a_services_transaction_with_its_events_is_announced_once_committed() {
        var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));

        transactions.run(tx -> {
            tx.dsl().update(Users.T).set(Users.ADMIN, Users.ADMIN).where(DSL.falseCondition()).execute();
            tx.announce(null, EventKind.APP_CREATED, Map.of("name", "announced"));
            assertThat(writes).hasValue(0);
        });

        assertThat(writes.get()).isPositive();
    }

    @Test
    void a_rolled_back_transaction_and_plain_reads_are_not_announced() {
        assertThatThrownBy(() -> database.dsl().transaction(cfg -> {
            cfg.dsl().update(Users.T).set(Users.ADMIN, Users.ADMIN).where(DSL.falseCondition()).execute();
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        database.dsl().selectOne().fetch();
        database.dsl().select(Users.ID).from(Users.T).fetch();

        assertThat(writes).hasValue(0);
    }

    @Test
    void a_transaction_that_wrote_users_or_tokens_says_so_once_committed_and_one_that_did_not_does_not() {
        var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));
        transactions.run(tx -> {
            tx.dsl().execute("insert into events (app_id, kind, payload) values (null, 'app.created', '{}')");
            tx.dsl().select(Users.ID).from(Users.T).fetch();
        });
        assertThat(writes.get()).isPositive();
        assertThat(userWrites).hasValue(0);

        database.dsl().transaction(cfg -> {
            cfg.dsl().update(ApiTokens.T).set(ApiTokens.EXPIRES_AT, ApiTokens.EXPIRES_AT)
                    .where(DSL.falseCondition()).execute();
            cfg.dsl().execute("insert into events (app_id, kind, payload) values (null, 'app.created', '{}')");
            assertThat(userWrites).hasValue(0);
        });
        assertThat(userWrites).hasValue(1);

        database.dsl().transaction(cfg -> cfg.dsl().selectOne().fetch());
        assertThat(userWrites).as("the next transaction on the thread starts afresh").hasValue(1);
    }

    @Test
    void a_plain_sql_delete_of_tokens_outside_a_transaction_says_it_wrote_tokens() {
        database.dsl().fetch("delete from api_tokens where false returning id");

        assertThat(userWrites).hasValue(1);
    }

    @Test
    void a_nested_transactions_write_of_users_is_told_at_the_outer_commit_too() {
        var toldBeforeOuterCommit = new AtomicInteger();
        database.dsl().transaction(outer -> {
            outer.dsl().transaction(inner -> inner.dsl().update(Users.T).set(Users.ADMIN, Users.ADMIN)
                    .where(DSL.falseCondition()).execute());
            outer.dsl().selectOne().fetch();
            toldBeforeOuterCommit.set(userWrites.get());
        });

        assertThat(userWrites.get()).as("the outer commit, the durable one, tells of the users written")
                .isGreaterThan(toldBeforeOuterCommit.get());
        int afterOuter = userWrites.get();
        database.dsl().transaction(cfg -> cfg.dsl().selectOne().fetch());
        assertThat(userWrites).hasValue(afterOuter);
    }
}
