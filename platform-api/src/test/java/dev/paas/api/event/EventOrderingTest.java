package dev.paas.api.event;

import dev.paas.client.EventKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events are appended as the last statements of their transaction, and take no lock: only the
 * publisher's rounds take the ordering lock (see {@link EventPublisher}), after the writers' commits.
 */
@ExtendWith(PlatformExtension.class)
class EventOrderingTest {

    @Test
    void an_announced_event_is_appended_only_after_the_work_so_the_ordering_lock_is_free_while_it_runs(
            TestPlatform platform) throws SQLException {
        try (var own = platform.connect(); var other = platform.connect()) {
            var transactions = new Transactions(dsl(own), new EventLog(Json.mapper()));
            List<Boolean> lockFreeDuringWork = new ArrayList<>();
            List<Integer> visibleDuringWork = new ArrayList<>();

            transactions.run(tx -> {
                tx.announce(null, EventKind.APP_CREATED, Map.of("n", 1));
                tx.announce(null, EventKind.APP_RENAMED, Map.of("n", 2));
                lockFreeDuringWork.add(tryOrderingLock(other));
                visibleDuringWork.add(count(tx.dsl()));
            });

            assertThat(lockFreeDuringWork).containsExactly(true);
            assertThat(visibleDuringWork).containsExactly(0);
            assertThat(dsl(other).fetch("select kind from events order by id").getValues(0, String.class))
                    .containsExactly("app.created", "app.renamed");
        }
    }

    @Test
    void work_that_fails_appends_none_of_its_events(TestPlatform platform) throws SQLException {
        try (var own = platform.connect()) {
            var transactions = new Transactions(dsl(own), new EventLog(Json.mapper()));

            assertThatThrownBy(() -> transactions.run(tx -> {
                tx.announce(null, EventKind.APP_DESTROYED, Map.of());
                throw new IllegalStateException("the change failed");
            })).hasMessage("the change failed");

            assertThat(count(dsl(own))).isZero();
        }
    }

    /**
     * Destroying an app removes its slots (announcing instances.changed) and then its domains. While
     * another writer holds the domains' rows and then takes the ordering lock (as a publisher's round
     * does), the destroy must wait for the rows without waiting for that lock: both finish, neither is a
     * deadlock's victim.
     */
    @Test
    void destroying_an_app_does_not_deadlock_with_a_writer_holding_its_domains(TestPlatform platform, Api api)
            throws Exception {
        String token = platform.user("orderly@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"orderly\"}").status()).isEqualTo(201);
        Deploys.deploy(api, token, "orderly", "abcdef0", "img:1");
        assertThat(api.patch(token, "/apps/orderly/formation/web", "{\"quantity\":2}").status()).isEqualTo(200);

        try (var writer = platform.connect(); var watcher = platform.connect()) {
            writer.setAutoCommit(false);
            dsl(writer).fetch("select d.id from domains d join apps a on a.id = d.app_id where a.name = 'orderly' "
                    + "for update of d");
            var destroy = CompletableFuture.supplyAsync(() -> api.delete(token, "/apps/orderly").status());
            awaitBlockedOnDomains(watcher, destroy);

            dsl(writer).fetch("select pg_advisory_xact_lock(" + EventPublisher.ORDERING_LOCK + ")");
            dsl(writer).execute("insert into events (kind) values ('test.writer')");
            writer.commit();

            assertThat(destroy.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(api.get(token, "/apps/orderly").status()).isEqualTo(404);
    }

    /** Waits (bounded) until another session waits for a row lock, i.e. the destroy reached the domains. */
    private static void awaitBlockedOnDomains(Connection watcher, CompletableFuture<Integer> destroy)
            throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            assertThat(destroy).as("the destroy must wait for the domains' rows").isNotDone();
            int waiting = dsl(watcher).fetchOne("select count(*) from pg_locks where not granted "
                    + "and locktype in ('transactionid', 'tuple')").get(0, Integer.class);
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the destroy never waited for the domains' rows");
    }

    private static boolean tryOrderingLock(Connection other) {
        // Outside a transaction block the lock is released again as the statement ends.
        return dsl(other).fetchOne("select pg_try_advisory_xact_lock(" + EventPublisher.ORDERING_LOCK + ")")
                .get(0, Boolean.class);
    }

    private static int count(DSLContext db) {
        // the events these tests announce are about no app
        return db.fetchOne("select count(*) from events where app_id is null").get(0, Integer.class);
    }

    private static DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }
}
