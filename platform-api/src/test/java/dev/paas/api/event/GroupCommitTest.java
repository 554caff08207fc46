package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.error.ApiFailure;
import dev.paas.client.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes queued while a shared transaction runs are committed together in the next one, each still with its own
 * result; a refusal is its own writer's alone, and a failure sends every write of the transaction back to run
 * alone, so that only the failing one fails. Real Postgres: the transaction ids show which writes shared one.
 */
@ExtendWith(PlatformExtension.class)
class GroupCommitTest {
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private HikariDataSource pool;
    private DSLContext dsl;
    private GroupCommit group;
    /** The apps each shared transaction was told of first. */
    private final List<List<UUID>> ahead = Collections.synchronizedList(new ArrayList<>());
    /** The order the works ran in, by their labels. */
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    /** The writers' threads. */
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp(TestPlatform platform) {
        pool = platform.pool(8);
        dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
        dsl.execute("create table test_group (label text primary key, txid bigint not null)");
        // One thread: the writes queued while it is held share its next transaction.
        group = new GroupCommit(new Transactions(dsl, new EventLog(Json.mapper())), 1,
                (tx, apps) -> ahead.add(apps));
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        group.close();
        callers.shutdownNow();
        dsl.execute("drop table if exists test_group");
        pool.close();
    }

    @Test
    void writes_queued_meanwhile_share_one_transaction_and_each_gets_its_own_result() throws Exception {
        var holder = holdTheThread();
        var c1 = submit(C, insert("c1"));
        var a1 = submit(A, insert("a1"));
        var b1 = submit(B, insert("b1"));
        var a2 = submit(A, insert("a2"));
        awaitQueued(4);
        release.countDown();

        long shared = a1.get(20, TimeUnit.SECONDS);
        assertThat(List.of(a2.get(20, TimeUnit.SECONDS), b1.get(20, TimeUnit.SECONDS), c1.get(20, TimeUnit.SECONDS)))
                .containsOnly(shared);
        assertThat(holder.get(20, TimeUnit.SECONDS)).isNotEqualTo(shared);
        // By app id, and one app's writes in the order they came; the apps told once each, sorted.
        assertThat(ran).containsExactly("holder", "a1", "a2", "b1", "c1");
        assertThat(ahead).containsExactly(List.of(A), List.of(A, B, C));
        assertThat(committed()).containsExactly("a1", "a2", "b1", "c1", "holder");
    }

    @Test
    void a_refusal_fails_its_own_write_and_the_others_commit() throws Exception {
        holdTheThread();
        var a = submit(A, insert("a"));
        var b = submit(B, tx -> {
            ran.add("b");
            throw ApiFailure.invalid("b is refused");
        });
        var c = submit(C, insert("c"));
        awaitQueued(3);
        release.countDown();

        assertThat(a.get(20, TimeUnit.SECONDS)).isEqualTo(c.get(20, TimeUnit.SECONDS));
        assertThatThrownBy(() -> b.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiFailure.class)
                .hasMessageContaining("b is refused");
        assertThat(committed()).containsExactly("a", "c", "holder");
    }

    @Test
    void a_failure_runs_each_write_again_alone_and_fails_only_its_own() throws Exception {
        holdTheThread();
        var a = submit(A, insert("a"));
        var b = submit(B, insert("b", "holder")); // the key is taken: the shared transaction fails
        var c = submit(C, insert("c"));
        awaitQueued(3);
        release.countDown();

        long aTx = a.get(20, TimeUnit.SECONDS);
        long cTx = c.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> b.get(20, TimeUnit.SECONDS)).hasStackTraceContaining("duplicate key");
        assertThat(aTx).as("a ran again alone").isNotEqualTo(cTx);
        // Tried together up to b's failure (rolled back), then each alone on its caller's thread (in parallel).
        assertThat(ran.subList(0, 3)).containsExactly("holder", "a", "b");
        assertThat(ran.subList(3, ran.size())).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(committed()).containsExactly("a", "c", "holder");
    }

    @Test
    void a_lone_write_that_fails_runs_again_alone_as_a_shared_transaction_may_give_way() throws Exception {
        var tries = new java.util.concurrent.atomic.AtomicInteger();
        var write = submit(A, tx -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("gave way (as on a lock wait)");
            }
            return insert("a").apply(tx);
        });

        assertThat(write.get(20, TimeUnit.SECONDS)).isPositive();
        assertThat(tries).hasValue(2);
        assertThat(committed()).containsExactly("a");
    }

    @Test
    void a_lone_write_that_fails_alone_too_fails_with_its_own_error() {
        var tries = new java.util.concurrent.atomic.AtomicInteger();
        var write = submit(A, tx -> {
            tries.incrementAndGet();
            return insert("a", "a").andThen(id -> {
                throw new IllegalStateException("always fails");
            }).apply(tx);
        });

        assertThatThrownBy(() -> write.get(20, TimeUnit.SECONDS)).hasStackTraceContaining("always fails");
        assertThat(tries).hasValue(2);
        assertThat(committed()).isEmpty();
    }

    @Test
    void writes_after_close_run_in_transactions_of_their_own() throws Exception {
        group.close();

        long first = submit(A, insert("a")).get(20, TimeUnit.SECONDS);
        long second = submit(A, insert("b")).get(20, TimeUnit.SECONDS);

        assertThat(first).isNotEqualTo(second);
        assertThat(committed()).containsExactly("a", "b");
        assertThat(ahead).isEmpty();
    }

    @Test
    void a_write_is_answered_once_the_round_that_publishes_its_transaction_has_ended() throws Exception {
        try (var held = pool.getConnection(); var lock = held.createStatement()) {
            lock.execute("select pg_advisory_lock(" + EventPublisher.ORDERING_LOCK + ")"); // rounds wait for it
            var write = submit(A, tx -> {
                tx.wakeFollowers(); // a round to wait for (as log lines ask), without an app for an event
                return insert("a").apply(tx);
            });

            awaitRoundWaitingForTheLock();
            assertThat(committed()).as("committed").containsExactly("a");
            assertThat(write).as("answered before its round").isNotDone();

            lock.execute("select pg_advisory_unlock(" + EventPublisher.ORDERING_LOCK + ")");
            assertThat(write.get(20, TimeUnit.SECONDS)).isPositive();
        }
    }

    /** Until a session of this database waits for an advisory lock: the publisher's round, for its ordering lock. */
    private void awaitRoundWaitingForTheLock() throws InterruptedException {
        String waiting = "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where a.datname = current_database() and l.locktype = 'advisory' and not l.granted";
        for (int i = 0; i < 1000 && dsl.fetchOne(waiting).get(0, Long.class) == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(dsl.fetchOne(waiting).get(0, Long.class)).as("a round waits for the ordering lock").isEqualTo(1);
    }

    /** A first write that holds the only thread until {@link #release}: what comes meanwhile queues. */
    private CompletableFuture<Long> holdTheThread() throws InterruptedException {
        var started = new CountDownLatch(1);
        var holder = submit(A, tx -> {
            started.countDown();
            try {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return insert("holder").apply(tx);
        });
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private Function<Tx, Long> insert(String label) {
        return insert(label, label);
    }

    /** Runs as {@code label}, inserting the row {@code key}. */
    private Function<Tx, Long> insert(String label, String key) {
        return tx -> {
            ran.add(label);
            return tx.dsl().fetchOne("insert into test_group values (?, txid_current()) returning txid", key)
                    .get(0, Long.class);
        };
    }

    private <R> CompletableFuture<R> submit(UUID app, Function<Tx, R> work) {
        return CompletableFuture.supplyAsync(() -> group.result(app, work), callers);
    }

    private void awaitQueued(int writes) throws InterruptedException {
        for (int i = 0; i < 1000 && group.queued() < writes; i++) {
            Thread.sleep(10);
        }
        assertThat(group.queued()).isEqualTo(writes);
    }

    private List<String> committed() {
        return dsl.fetch("select label from test_group order by label").getValues(0, String.class);
    }
}
