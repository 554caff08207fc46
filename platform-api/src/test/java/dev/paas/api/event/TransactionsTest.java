package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.EventKind;
import dev.paas.client.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A write transaction's deferred statements and its commit go to Postgres in one round trip ({@link Tx}): what
 * commits must be all of the work, and a failure anywhere, in a deferred statement or in the commit itself, must
 * leave nothing behind and the connection fit for the next transaction.
 */
@ExtendWith(PlatformExtension.class)
class TransactionsTest {
    private static final long GATE = 4343;
    private Connection own;
    private Connection other;
    private Transactions transactions;

    @BeforeEach
    void setUp(TestPlatform platform) throws SQLException {
        own = platform.connect();
        other = platform.connect();
        execute(other, "create table test_work (n int primary key)");
        transactions = new Transactions(dsl(own), new EventLog(Json.mapper()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        execute(other, "drop table if exists test_work");
        own.close();
        other.close();
    }

    @Test
    void rows_of_one_insert_deferred_between_plain_statements_are_one_statement_and_all_commit() {
        var statements = new java.util.concurrent.atomic.AtomicInteger();
        String insert = "insert into test_work (n) values ";
        String another = "insert into test_work as w (n) values ";

        transactions.run(tx -> {
            tx.deferRows(insert, "(?), (?)", 1, 2);
            tx.deferRows(another, "(?)", 10); // another insert: a statement of its own
            tx.deferRows(insert, "(?)", 3); // joins the first statement all the same
            tx.defer("select 1");
            tx.deferRows(insert, "(?)", 4); // after a plain statement: one of its own
            statements.set(tx.deferredStatements());
        });

        assertThat(statements).hasValue(4);
        assertThat(dsl(other).fetch("select n from test_work order by n").getValues(0, Integer.class))
                .containsExactly(1, 2, 3, 4, 10);
    }

    @Test
    void the_work_its_deferred_statements_and_its_events_commit_together(TestPlatform platform) {
        transactions.run(tx -> {
            tx.dsl().execute("insert into test_work values (1)");
            tx.defer("insert into test_work values (?)", 2);
            tx.announce(null, EventKind.APP_CREATED, Map.of("n", 1));
        });

        assertThat(dsl(other).fetch("select n from test_work order by n").getValues(0, Integer.class))
                .containsExactly(1, 2);
        assertThat(events(other, "app.created")).isEqualTo(1);
        assertThat(fitForTheNext(own)).isTrue();
    }

    @Test
    void a_deferred_statement_that_fails_commits_nothing_of_the_work(TestPlatform platform) {
        assertThatThrownBy(() -> transactions.run(tx -> {
            tx.dsl().execute("insert into test_work values (1)");
            tx.defer("insert into test_work values (?)", 1); // the key is taken
            tx.announce(null, EventKind.APP_RENAMED, Map.of("n", 1));
        })).hasMessageContaining("duplicate key");

        assertThat(dsl(other).fetchCount(DSL.table("test_work"))).isZero();
        assertThat(events(other, "app.renamed")).isZero();
        assertThat(fitForTheNext(own)).isTrue();
    }

    @Test
    void a_commit_that_fails_commits_nothing_and_says_so(TestPlatform platform) throws SQLException {
        execute(other, """
                create function test_refuse_commit() returns trigger language plpgsql as $$
                begin raise exception 'refused at commit'; end $$""");
        execute(other, "create constraint trigger test_refuse_commit after insert on test_work "
                + "deferrable initially deferred for each row execute function test_refuse_commit()");
        try {
            assertThatThrownBy(() -> transactions.run(tx -> {
                tx.dsl().execute("insert into test_work values (1)");
                tx.announce(null, EventKind.APP_DESTROYED, Map.of("n", 1));
            })).hasStackTraceContaining("refused at commit");

            assertThat(dsl(other).fetchCount(DSL.table("test_work"))).isZero();
            assertThat(events(other, "app.destroyed")).isZero();
            assertThat(fitForTheNext(own)).isTrue();
        } finally {
            execute(other, "drop trigger test_refuse_commit on test_work");
            execute(other, "drop function test_refuse_commit()");
        }
    }

    /**
     * Held in its commit (a deferred trigger waits there for a lock this test holds), the transaction's backend
     * shows the statement it runs: our lower-case {@code commit}, sent with the deferred statements, not the
     * driver's {@code COMMIT} in a round trip of its own.
     */
    @Test
    void the_commit_is_sent_with_the_deferred_statements(TestPlatform platform) throws Exception {
        execute(other, """
                create function test_hold_commit() returns trigger language plpgsql as $$
                begin perform pg_advisory_xact_lock(4343); return null; end $$""");
        execute(other, "create constraint trigger test_hold_commit after insert on test_work "
                + "deferrable initially deferred for each row execute function test_hold_commit()");
        try (var gate = platform.connect()) {
            gate.setAutoCommit(false);
            dsl(gate).fetch("select pg_advisory_xact_lock(" + GATE + ")");
            var held = CompletableFuture.runAsync(() -> transactions.run(tx -> {
                tx.dsl().execute("insert into test_work values (1)");
                tx.announce(null, EventKind.APP_CREATED, Map.of("n", 2));
            }));

            String waiting = awaitWaitingForTheGate(held);
            gate.commit();
            held.get(20, TimeUnit.SECONDS);

            assertThat(waiting).isEqualTo("commit");
            assertThat(dsl(other).fetchCount(DSL.table("test_work"))).isEqualTo(1);
        } finally {
            execute(other, "drop trigger test_hold_commit on test_work");
            execute(other, "drop function test_hold_commit()");
        }
    }

    /** The statement of the session that waits for the test's advisory lock, once there is one (bounded wait). */
    private String awaitWaitingForTheGate(CompletableFuture<Void> held) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            assertThat(held).as("the transaction must wait in its commit").isNotDone();
            var waiting = dsl(other).fetch("select a.query from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                    + "where not l.granted and l.locktype = 'advisory' and l.objid = " + GATE);
            if (!waiting.isEmpty()) {
                return waiting.get(0).get(0, String.class).strip();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the transaction never reached its commit");
    }

    /** No transaction left open on the connection: the next statement runs, and commits, by itself. */
    private static boolean fitForTheNext(Connection c) {
        try {
            return c.getAutoCommit()
                    && dsl(c).fetchOne("select txid_current_if_assigned() is null").get(0, Boolean.class);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int events(Connection c, String kind) {
        return dsl(c).fetchOne("select count(*) from events where app_id is null and kind = ?", kind)
                .get(0, Integer.class);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }
}
