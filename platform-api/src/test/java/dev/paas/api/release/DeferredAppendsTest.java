package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.User;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.Transactions;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.LogRepository;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In a transaction that locked its apps ahead (a group commit's), a config change's release is inserted at the
 * commit, with the others of the transaction, instead of in a round trip of its own: its version, time and author
 * come from what the lock-ahead read and what the caller knows, and a second change of the same app builds on the
 * first though it is not written yet. Real Postgres and the real ledger.
 */
@ExtendWith(PlatformExtension.class)
class DeferredAppendsTest {

    @Test
    void appends_after_a_lock_ahead_are_written_at_the_commit_and_each_builds_on_the_one_before(TestPlatform platform,
                                                                                               Api api) throws Exception {
        String token = platform.user("deferred@example.com");
        for (String app : List.of("deferred-a", "deferred-b")) {
            assertThat(api.post(token, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
        }
        try (var pool = platform.pool(2)) {
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
            var releases = new ReleaseRepository(Json.mapper());
            var transactions = new Transactions(dsl, new EventLog(Json.mapper()));
            var log = new PlatformLog(new LogRepository());
            var phase = new ReleasePhase(transactions, new AppRepository(), releases, new FormationRepository(),
                    new OneOffRepository(releases), new Scheduler(releases, new AgentRepository()), log,
                    Duration.ofMinutes(1), Clock.systemUTC());
            var ledger = new Ledger(transactions, releases, phase, log);
            UUID a = dsl.fetchSingle("select id from apps where name = 'deferred-a'").get(0, UUID.class);
            UUID b = dsl.fetchSingle("select id from apps where name = 'deferred-b'").get(0, UUID.class);
            UUID userId = dsl.fetchSingle("select id from users where email = 'deferred@example.com'")
                    .get(0, UUID.class);
            var author = new User(userId, "deferred@example.com", false, OffsetDateTime.now(), OffsetDateTime.now());
            var writtenBeforeCommit = new AtomicLong(-1);

            List<ReleaseRow> appended = transactions.result(tx -> {
                ledger.lockAhead(tx, Stream.of(a, b).sorted().toList());
                var a2 = ledger.appendIfIn(tx, a, tip -> set(tip, "K", "1", author));
                var a3 = ledger.appendIfIn(tx, a, tip -> set(tip, "L", "2", author));
                var b2 = ledger.appendIfIn(tx, b, tip -> set(tip, "M", "3", author));
                writtenBeforeCommit.set(tx.dsl().fetchSingle(
                        "select count(*) from releases where app_id in (?, ?)", a, b).get(0, Long.class));
                return List.of(a2, a3, b2);
            });

            assertThat(writtenBeforeCommit).as("releases in the tables before the commit: the v1s").hasValue(2);
            assertThat(appended).extracting(ReleaseRow::version).containsExactly(2, 3, 2);
            assertThat(appended.get(1).config()).as("built on the change before it").containsEntry("K", "1")
                    .containsEntry("L", "2");
            for (ReleaseRow row : appended) {
                var stored = dsl.fetchSingle("select r.app_id, r.version, r.config::text, r.description, r.created_at, "
                        + "u.email, o.status from releases r join users u on u.id = r.user_id "
                        + "join release_outcomes o on o.release_id = r.id where r.id = ?", row.id());
                assertThat(stored.get(0, UUID.class)).isEqualTo(row.appId());
                assertThat(stored.get(1, Integer.class)).isEqualTo(row.version());
                assertThat(Json.mapper().readTree(stored.get(2, String.class)).properties()).hasSize(row.config().size());
                assertThat(stored.get(3, String.class)).isEqualTo(row.description());
                assertThat(stored.get(4, OffsetDateTime.class).toInstant()).isEqualTo(row.createdAt().toInstant());
                assertThat(stored.get(5, String.class)).isEqualTo("deferred@example.com").isEqualTo(row.userEmail());
                assertThat(stored.get(6, String.class)).isEqualTo("succeeded");
            }
            assertThat(dsl.fetchSingle("select count(distinct xmin::text) from releases where app_id in (?, ?) "
                    + "and version > 1", a, b).get(0, Long.class)).as("one transaction wrote them").isEqualTo(1);
            assertThat(api.get(token, "/apps/deferred-a/config-vars").json().get("L").asText()).isEqualTo("2");
        }
    }

    private static Optional<Draft> set(ReleaseRow tip, String key, String value, User author) {
        var config = new HashMap<>(tip.config());
        config.put(key, value);
        return Optional.of(Draft.withConfigBy(tip, Map.copyOf(config), "Set " + key + " config vars", author));
    }
}
