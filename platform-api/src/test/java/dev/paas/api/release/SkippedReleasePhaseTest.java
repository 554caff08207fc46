package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.ApiConfig;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.app.AppRepository;
import dev.paas.api.db.Database;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.Transactions;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.LogRepository;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.Json;
import dev.paas.client.ReleaseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Ledger.Phase#SKIP}, which releases made for add-on config changes use: the service, on the real database. */
@ExtendWith(PlatformExtension.class)
class SkippedReleasePhaseTest {

    @Test
    void a_release_appended_with_the_phase_skipped_succeeds_at_once_and_runs_no_release_command(TestPlatform platform,
                                                                                              Api api) {
        String owner = platform.user("dev@example.com");
        String admin = platform.admin("ops@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"skipper\"}").status()).isEqualTo(201);
        assertThat(api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .status()).isEqualTo(201);
        String build = Deploys.succeededBuild(api, owner, "skipper", "aaaaaaa", "img:1",
                "{\"web\":\"npm start\",\"release\":\"./migrate\"}");
        var deploy = api.post(owner, "/apps/skipper/releases", "{\"build\":\"" + build + "\"}");
        assertThat(deploy.json().get("status").asText()).as("a deploy runs the phase").isEqualTo("pending");
        UUID appId = UUID.fromString(api.get(owner, "/apps/skipper").json().get("id").asText());

        try (var database = new Database(ApiConfig.fromEnv(Map.of("DATABASE_URL", platform.databaseUrl())))) {
            var ledger = ledger(database);
            var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));

            ReleaseRow skipped = transactions.result(tx -> ledger.appendIn(tx, appId, Ledger.Phase.SKIP, base -> {
                var config = new HashMap<>(base.orElseThrow().config());
                config.put("ADDON_URL", "postgres://addon");
                return Draft.withConfig(base.orElseThrow(), config, "Attach addon", null);
            }));
            ReleaseRow run = transactions.result(tx -> ledger.appendIn(tx, appId, Ledger.Phase.RUN,
                    base -> Draft.withConfig(base.orElseThrow(), base.orElseThrow().config(), "Set X", null)));

            assertThat(skipped.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
            assertThat(skipped.phaseDyno()).isNull();
            assertThat(skipped.processTypes()).containsKey("release");
            assertThat(run.status()).as("the same draft without SKIP").isEqualTo(ReleaseStatus.PENDING);
            assertThat(run.phaseDyno()).isNotNull();
        }
        var v3 = api.get(owner, "/apps/skipper/releases/v3").json();
        assertThat(v3.get("current").asBoolean()).isTrue();
        assertThat(v3.get("output_stream_url").isNull()).isTrue();
    }

    private static Ledger ledger(Database database) {
        var json = Json.mapper();
        var transactions = new Transactions(database.dsl(), new EventLog(json));
        var apps = new AppRepository();
        var releases = new ReleaseRepository(json);
        var scheduler = new Scheduler(releases, new AgentRepository());
        var log = new PlatformLog(new LogRepository());
        var phase = new ReleasePhase(transactions, apps, releases, new FormationRepository(),
                new OneOffRepository(releases), scheduler, log, Duration.ofMinutes(30), Clock.systemUTC());
        return new Ledger(transactions, apps, releases, phase, log);
    }
}
