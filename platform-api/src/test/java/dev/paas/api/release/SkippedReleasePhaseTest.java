package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Ledger.Phase#SKIP}, which releases made for add-on config changes use: the service, on the real database. */
@ExtendWith(PlatformExtension.class)
class SkippedReleasePhaseTest {

    private static final String WITH_PHASE = "{\"web\":\"npm start\",\"release\":\"./migrate\"}";
    private Api api;
    private TestPlatform platform;
    private String owner;
    private String admin;
    private String agent;
    private UUID appId;

    @BeforeEach
    void anAppWhoseDeployIsPending(TestPlatform platform, Api api) {
        this.api = api;
        this.platform = platform;
        owner = platform.user("dev@example.com");
        admin = platform.admin("ops@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"skipper\"}").status()).isEqualTo(201);
        agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
        String build = Deploys.succeededBuild(api, owner, "skipper", "aaaaaaa", "img:1", WITH_PHASE);
        var deploy = api.post(owner, "/apps/skipper/releases", "{\"build\":\"" + build + "\"}");
        assertThat(deploy.json().get("status").asText()).as("a deploy runs the phase").isEqualTo("pending");
        appId = UUID.fromString(api.get(owner, "/apps/skipper").json().get("id").asText());
    }

    @Test
    void a_release_appended_with_the_phase_skipped_succeeds_at_once_and_runs_no_release_command() throws Exception {
        finishPhaseOfV2();
        try (var database = database()) {
            var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));
            var ledger = ledger(database);

            ReleaseRow skipped = transactions.result(tx -> ledger.appendIn(tx, appId, Ledger.Phase.SKIP,
                    SkippedReleasePhaseTest::attachAddon));
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

    @Test
    void a_skipped_phase_on_a_release_still_pending_runs_the_phase_so_that_unchecked_code_never_serves() {
        try (var database = database()) {
            var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));

            ReleaseRow skipped = transactions.result(tx -> ledger(database).appendIn(tx, appId, Ledger.Phase.SKIP,
                    SkippedReleasePhaseTest::attachAddon));

            assertThat(skipped.status()).isEqualTo(ReleaseStatus.PENDING);
            assertThat(skipped.phaseDyno()).isNotNull();
        }
        assertThat(api.get(owner, "/apps/skipper/releases/v3").json().get("current").asBoolean()).isFalse();
        assertThat(api.get(owner, "/apps/skipper/releases/v1").json().get("current").asBoolean())
                .as("v1 serves until a release of the new code passes its phase").isTrue();
    }

    private static Draft attachAddon(java.util.Optional<ReleaseRow> base) {
        var config = new HashMap<>(base.orElseThrow().config());
        config.put("ADDON_URL", "postgres://addon");
        return Draft.withConfig(base.orElseThrow(), config, "Attach addon", null);
    }

    /** The agent reports v2's release command exited 0. */
    private void finishPhaseOfV2() throws InterruptedException {
        int index = -1;
        for (JsonNode instance : api.get(admin, "/agents/" + agent + "/instances").json()) {
            if (instance.get("type").asText().equals("release")) {
                index = instance.get("index").asInt();
            }
        }
        assertThat(index).as("v2's release phase is placed").isPositive();
        var response = api.call("PUT", admin, "/agents/" + agent + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c1\",\"app_id\":\"" + appId + "\",\"type\":\"release\",\"index\":" + index + ",\"release\":2,"
                + "\"state\":\"down\",\"exit_code\":0}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!api.get(owner, "/apps/skipper/releases/v2").json().get("status").asText().equals("succeeded")) {
            assertThat(System.nanoTime()).as("v2 succeeds within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Database database() {
        return new Database(ApiConfig.fromEnv(Map.of("DATABASE_URL", platform.databaseUrl())));
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
        return new Ledger(transactions, releases, phase, log);
    }
}
