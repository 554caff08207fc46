package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A group commit's transaction locks several apps ahead ({@link ReleaseRepository#lockThenTips}): it reads each
 * app's tip after that app's lock, skips a destroyed app, and gives way (fails) once it has waited its bound for a
 * lock another transaction holds, instead of waiting on, perhaps in a cycle with that transaction.
 */
@ExtendWith(PlatformExtension.class)
class LockAheadTest {
    private final ReleaseRepository releases = new ReleaseRepository(Json.mapper());

    @Test
    void each_app_is_locked_and_its_tip_read_and_a_destroyed_app_is_left_out(TestPlatform platform, Api api)
            throws Exception {
        String token = platform.user("ahead@example.com");
        for (String app : List.of("ahead-a", "ahead-b", "ahead-gone")) {
            assertThat(api.post(token, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
        }
        assertThat(api.patch(token, "/apps/ahead-b/config-vars", "{\"B\":\"1\"}").status()).isEqualTo(200);
        assertThat(api.delete(token, "/apps/ahead-gone").status()).isBetween(200, 204);
        try (Connection c = platform.connect()) {
            var db = dsl(c);
            UUID a = idOf(db, "ahead-a");
            UUID b = idOf(db, "ahead-b");
            UUID gone = idOf(db, "ahead-gone");
            var sorted = java.util.stream.Stream.of(a, b, gone).sorted().toList();

            var tips = db.transactionResult(cfg -> releases.lockThenTips(cfg.dsl(), sorted, Duration.ofSeconds(5)));

            assertThat(tips).containsOnlyKeys(a, b);
            assertThat(tips.get(a).tip().orElseThrow().version()).isEqualTo(1);
            assertThat(tips.get(b).tip().orElseThrow().version()).isEqualTo(2);
            assertThat(tips.get(b).tip().orElseThrow().config()).containsEntry("B", "1");
            // The newest versions, whatever their outcome (the next release's is one more), and the transaction's time.
            assertThat(tips.get(a).newestVersion()).isEqualTo(1);
            assertThat(tips.get(b).newestVersion()).isEqualTo(2);
            assertThat(tips.get(a).now()).isNotNull().isEqualTo(tips.get(b).now());
        }
    }

    @Test
    void a_lock_held_elsewhere_is_waited_for_at_most_the_bound_then_the_transaction_gives_way(TestPlatform platform,
                                                                                             Api api)
            throws Exception {
        String token = platform.user("held@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"held\"}").status()).isEqualTo(201);
        try (Connection holder = platform.connect(); Connection c = platform.connect()) {
            UUID app = idOf(dsl(c), "held");
            holder.setAutoCommit(false);
            dsl(holder).fetch("select id from apps where id = ? for update", app);

            long start = System.nanoTime();
            assertThatThrownBy(() -> dsl(c).transaction(cfg ->
                    releases.lockThenTips(cfg.dsl(), List.of(app), Duration.ofMillis(300))))
                    .hasStackTraceContaining("lock timeout");
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            holder.rollback();

            assertThat(waitedMs).as("waited for the lock up to its bound").isGreaterThanOrEqualTo(250L);
            // Once the other transaction is gone, the same lock is granted, and the bound ended with the transaction.
            var tips = dsl(c).transactionResult(cfg -> releases.lockThenTips(cfg.dsl(), List.of(app),
                    Duration.ofMillis(300)));
            assertThat(tips.get(app).tip()).isPresent();
            assertThat(dsl(c).fetchValue("show lock_timeout")).isEqualTo("0");
        }
    }

    private static UUID idOf(DSLContext db, String app) {
        return db.fetchSingle("select id from apps where name = ?", app).get(0, UUID.class);
    }

    private static DSLContext dsl(Connection c) {
        return DSL.using(c, SQLDialect.POSTGRES);
    }
}
