package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.auth.User;
import dev.paas.client.Json;
import dev.paas.client.Wire;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writers commit their events unordered; readers follow positions that publishers give in order. A reader
 * must never miss an event, whatever order the writers commit in, and writers of different apps must not
 * wait for each other's commits.
 */
@ExtendWith(PlatformExtension.class)
class EventPublisherTest {
    private static final User ADMIN = new User(UUID.randomUUID(), "reader@example.com", true, null, null);
    private final EventRepository events = new EventRepository(Json.mapper());

    @Test
    void a_reader_does_not_miss_an_event_whose_writer_got_the_lower_id_but_committed_last(TestPlatform platform)
            throws SQLException {
        try (var early = platform.connect(); var late = platform.connect(); var reading = platform.connect();
             var publishing = platform.connect()) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            long lowId = insert(early, "test.early");
            long highId = insert(late, "test.late");
            assertThat(lowId).isLessThan(highId);
            var publisher = new EventPublisher(dsl(publishing));

            late.commit();
            publisher.awaitPublished(false);
            List<Wire.Event> first = events.after(dsl(reading), ADMIN, 0, null, 100);
            early.commit();
            publisher.awaitPublished(false);
            List<Wire.Event> then = events.after(dsl(reading), ADMIN, first.getLast().id(), null, 100);

            assertThat(first).extracting(Wire.Event::kind).containsExactly("test.late");
            assertThat(then).extracting(Wire.Event::kind).containsExactly("test.early");
            // Read by id, as before positions, the reader's cursor would have passed the early event for good.
            assertThat(dsl(reading).fetchCount(DSL.table("events"), DSL.field("id").gt(highId))).isZero();
        }
    }

    @Test
    void a_round_with_nothing_to_publish_writes_nothing_so_costs_no_commit_flush(TestPlatform platform)
            throws SQLException {
        try (var writer = platform.connect(); var publishing = platform.connect()) {
            var publisher = new EventPublisher(dsl(publishing));
            insert(writer, "test.once");
            publisher.awaitPublished(false);
            String counterVersion = counterVersion(writer);

            publisher.awaitPublished(false);

            assertThat(counterVersion(writer)).isEqualTo(counterVersion);
            assertThat(dsl(writer).fetchCount(DSL.table("events"), DSL.field("position").isNull())).isZero();
        }
    }

    /**
     * The partial index of unpublished events keeps an entry for every event published since the last vacuum.
     * A writer's round looks from the writer's first event on, so what it reads of that index does not grow with
     * what was published before; a round from the start (the periodic pass's) reads through all of it.
     */
    @Test
    void a_writers_round_reads_the_unpublished_index_from_the_writers_first_event_on(TestPlatform platform)
            throws SQLException {
        try (var writer = platform.connect(); var publishing = platform.connect(); var reading = platform.connect()) {
            execute(writer, "alter table events set (autovacuum_enabled = false)");
            try {
                var publisher = new EventPublisher(dsl(publishing));
                dsl(writer).execute("insert into events (kind) select 'test.before' from generate_series(1, 20000)");
                publisher.awaitPublished(false);

                // The fewest of a few tries: the test platform's own periodic pass reads the same index meanwhile.
                long writersRound = Long.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    long id = insert(writer, "test.writer");
                    writersRound = Math.min(writersRound, unpublishedIndexPagesRead(publishing, reading,
                            () -> publisher.awaitPublished(false, id)));
                    assertThat(position(reading, id)).as("published by the writer's round").isNotNull();
                }
                long idToo = insert(writer, "test.periodic");
                long roundFromStart = unpublishedIndexPagesRead(publishing, reading,
                        () -> publisher.awaitPublished(false));

                assertThat(position(reading, idToo)).isNotNull();
                assertThat(roundFromStart).as("a round from the start reads the dead entries").isGreaterThan(20);
                assertThat(writersRound).isLessThanOrEqualTo(4);
            } finally {
                execute(writer, "alter table events reset (autovacuum_enabled)");
            }
        }
    }

    private static Long position(Connection c, long id) {
        return dsl(c).fetchOne("select position from events where id = ?", id).get(0, Long.class);
    }

    /** Index pages of the unpublished events the publishing session read while {@code round} ran. */
    private static long unpublishedIndexPagesRead(Connection publishing, Connection reading, Runnable round) {
        flushStats(publishing);
        long before = unpublishedIndexPages(reading);
        round.run();
        flushStats(publishing);
        return unpublishedIndexPages(reading) - before;
    }

    /** The session's counters reach the shared statistics as its next statement ends. */
    private static void flushStats(Connection c) {
        dsl(c).fetch("select pg_stat_force_next_flush()");
    }

    private static long unpublishedIndexPages(Connection reading) {
        return dsl(reading).fetchOne("select idx_blks_hit + idx_blks_read from pg_statio_user_indexes "
                + "where indexrelname = 'events_unpublished_idx'").get(0, Long.class);
    }

    @Test
    void a_writer_that_commits_while_its_process_closes_still_has_its_events_published(TestPlatform platform)
            throws SQLException {
        try (var writer = platform.connect(); var publishing = platform.connect()) {
            var publisher = new EventPublisher(dsl(publishing));
            publisher.awaitPublished(false); // its rounds' thread has started
            publisher.close();
            long id = insert(writer, "test.closing");

            publisher.awaitPublished(false);

            assertThat(dsl(writer).fetchOne("select position from events where id = ?", id).get(0, Long.class))
                    .as("published before awaitPublished returned").isNotNull();
        }
    }

    @Test
    void events_committed_but_never_published_are_published_by_the_periodic_pass(TestPlatform platform)
            throws Exception {
        try (var writer = platform.connect(); var reading = platform.connect()) {
            // What a process killed between its commit and its round leaves behind.
            long id = insert(writer, "test.orphan");

            long position = 0;
            for (int i = 0; i < 100 && position == 0; i++) {
                Long p = dsl(reading).fetchOne("select position from events where id = ?", id).get(0, Long.class);
                position = p == null ? 0 : p;
                Thread.sleep(p == null ? 50 : 0);
            }

            assertThat(position).as("published within 5 s by the platform's periodic pass").isPositive();
            assertThat(events.after(dsl(reading), ADMIN, position - 1, null, 10)).extracting(Wire.Event::kind)
                    .containsExactly("test.orphan");
        }
    }

    @Test
    void readers_see_positions_without_gaps_while_many_writers_commit_at_once(TestPlatform platform, Api api)
            throws Exception {
        String token = platform.admin("many@example.com");
        for (int a = 0; a < 4; a++) {
            assertThat(api.post(token, "/apps", "{\"name\":\"many" + a + "\"}").status()).isEqualTo(201);
        }
        try (var reading = platform.connect(); var pool = Executors.newFixedThreadPool(8)) {
            long start = events.latestId(dsl(reading));
            var writes = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(() -> api.patch(token, "/apps/many" + (n % 4)
                        + "/config-vars", "{\"K" + n + "\":\"v\"}").status(), pool));
            }
            var seen = new ArrayList<Long>();
            var all = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
            long cursor = start;
            boolean last = false;
            for (int i = 0; i < 6_000 && !last; i++) {
                last = all.isDone(); // one more read after the last write has answered: it is published by then
                var batch = events.after(dsl(reading), ADMIN, cursor, null, 500);
                for (Wire.Event e : batch) {
                    seen.add(e.id());
                    cursor = e.id();
                }
                if (batch.isEmpty()) {
                    Thread.sleep(10);
                }
            }

            assertThat(writes).allSatisfy(w -> assertThat(w.join()).isEqualTo(200));
            assertThat(seen).hasSizeGreaterThanOrEqualTo(80).hasSize(dsl(reading).fetchCount(
                    DSL.table("events"), DSL.field("position").gt(start)));
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("position %d of what the reader saw", i).isEqualTo(start + 1 + i);
            }
        }
    }

    /**
     * App a's release is held in its commit (a deferred trigger waits there for a lock this test holds), after
     * its events are written: app b's release must still commit, be published and answer meanwhile.
     */
    @Test
    void a_release_of_one_app_commits_while_another_apps_release_is_held_in_its_commit(TestPlatform platform,
            Api api) throws Exception {
        String token = platform.user("parallel@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"held\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps", "{\"name\":\"free\"}").status()).isEqualTo(201);
        try (var gate = platform.connect(); var watching = platform.connect()) {
            gate.setAutoCommit(false);
            dsl(gate).fetch("select pg_advisory_xact_lock(4242)");
            execute(watching, """
                    create function test_hold_commit() returns trigger language plpgsql as $$
                    begin
                        if new.app_id = (select id from apps where name = 'held') then
                            perform pg_advisory_xact_lock(4242);
                        end if;
                        return null;
                    end $$""");
            execute(watching, "create constraint trigger test_hold_commit after insert on events "
                    + "deferrable initially deferred for each row execute function test_hold_commit()");
            try {
                var held = CompletableFuture.supplyAsync(() ->
                        api.patch(token, "/apps/held/config-vars", "{\"A\":\"1\"}").status());
                awaitWaitingForTheGate(watching, held);

                var free = CompletableFuture.supplyAsync(() ->
                        api.patch(token, "/apps/free/config-vars", "{\"B\":\"1\"}").status());

                assertThat(free.get(20, TimeUnit.SECONDS)).isEqualTo(200);
                assertThat(held).isNotDone();
                assertThat(dsl(watching).fetchOne("select count(*) from events e join apps a on a.id = e.app_id "
                        + "where a.name = 'free' and e.kind = 'release.created' and e.position is not null")
                        .get(0, Integer.class)).isEqualTo(2);
                gate.commit();
                assertThat(held.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            } finally {
                gate.rollback();
                execute(watching, "drop trigger test_hold_commit on events");
                execute(watching, "drop function test_hold_commit()");
            }
        }
    }

    /** Waits (bounded) until another session waits for the test's advisory lock: app a's release is committing. */
    private static void awaitWaitingForTheGate(Connection watching, CompletableFuture<Integer> held)
            throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            assertThat(held).as("app a's release must wait in its commit").isNotDone();
            int waiting = dsl(watching).fetchOne("select count(*) from pg_locks where not granted "
                    + "and locktype = 'advisory' and objid = 4242").get(0, Integer.class);
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("app a's release never reached its commit");
    }

    /** The transaction that last wrote the position counter. */
    private static String counterVersion(Connection c) {
        return dsl(c).fetchOne("select xmin::text from event_positions").get(0, String.class);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long insert(Connection c, String kind) {
        return dsl(c).fetchOne("insert into events (kind) values (?) returning id", kind).get(0, Long.class);
    }

    private static DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }
}
