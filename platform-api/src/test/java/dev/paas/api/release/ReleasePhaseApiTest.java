package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The release phase through the API, with the agent's side played over its own HTTP endpoints: the desired list
 * it reads, the reports and log lines it sends.
 */
@ExtendWith(PlatformExtension.class)
class ReleasePhaseApiTest {
    private static final String WITH_PHASE = "{\"web\":\"npm start\",\"release\":\"./migrate\"}";
    private Api api;
    private TestPlatform platform;
    private String admin;
    private String owner;
    private String agent;
    private String appId;

    @BeforeEach
    void anAppRunningV2(TestPlatform platform, Api api) {
        this.api = api;
        this.platform = platform;
        this.admin = platform.admin("ops@example.com");
        this.owner = platform.user("dev@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"phased\"}").status()).isEqualTo(201);
        appId = api.get(owner, "/apps/phased").json().get("id").asText();
        var agentResponse = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        agent = agentResponse.json().get("id").asText();
        assertThat(Deploys.deploy(api, owner, "phased", "aaaaaaa", "img:1")).isEqualTo(2);
    }

    @Test
    void a_release_with_a_release_command_is_pending_and_starts_nothing_until_the_command_exits_0() {
        JsonNode v3 = deployWithPhase("bbbbbbb", "img:2");

        assertThat(v3.get("status").asText()).isEqualTo("pending");
        assertThat(v3.get("current").asBoolean()).isFalse();
        JsonNode phase = phaseRun();
        assertThat(phase.get("type").asText()).isEqualTo("release");
        assertThat(phase.get("command").asText()).isEqualTo("./migrate");
        assertThat(phase.get("image").asText()).isEqualTo("img:2");
        assertThat(phase.get("release").asInt()).isEqualTo(3);
        assertThat(webReleases()).containsOnly(2);
        assertThat(api.get(owner, "/apps/phased/releases/v2").json().get("current").asBoolean()).isTrue();

        report(phase.get("index").asInt(), "down", 0);

        awaitStatus(3, "succeeded");
        assertThat(api.get(owner, "/apps/phased/releases/v3").json().get("current").asBoolean()).isTrue();
        assertThat(webReleases()).containsOnly(3);
        assertThat(phaseRuns()).isEmpty();
        assertThat(api.get(owner, "/apps/phased/formation").json().findValuesAsText("type")).containsExactly("web");
    }

    @Test
    void a_release_command_that_exits_1_fails_the_release_and_the_running_one_keeps_serving() {
        deployWithPhase("bbbbbbb", "img:2");

        report(phaseRun().get("index").asInt(), "down", 1);

        JsonNode v3 = awaitStatus(3, "failed");
        assertThat(v3.get("status_reason").asText()).contains("exited with status 1");
        assertThat(v3.get("current").asBoolean()).isFalse();
        assertThat(api.get(owner, "/apps/phased/releases/v2").json().get("current").asBoolean()).isTrue();
        assertThat(webReleases()).containsOnly(2);
        assertThat(api.get(owner, "/apps/phased/logs?num=50").body()).contains("Release v3 failed");
    }

    @Test
    void a_release_command_past_its_deadline_is_stopped_and_its_release_fails_as_timed_out() throws Exception {
        deployWithPhase("bbbbbbb", "img:2");
        int number = phaseRun().get("index").asInt();
        try (var c = platform.connect(); var s = c.createStatement()) {
            // Its deadline is the configured timeout ahead; moving it to the past is the timeout's passing.
            try (var r = s.executeQuery("select extract(epoch from deadline - now()) from release_outcomes "
                    + "where phase_dyno = " + number)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getDouble(1)).isBetween(1700.0, 1800.0);
            }
            s.execute("update release_outcomes set deadline = now() - interval '1 second' where phase_dyno = " + number);
        }

        JsonNode v3 = awaitStatus(3, "failed");

        assertThat(v3.get("status_reason").asText()).contains("timed out after 1800 s");
        assertThat(phaseRuns()).as("stopped: gone from the agent's desired list").isEmpty();
        assertThat(webReleases()).containsOnly(2);
    }

    @Test
    void stopping_the_release_phase_with_ps_stop_fails_its_release() {
        deployWithPhase("bbbbbbb", "img:2");
        int number = phaseRun().get("index").asInt();

        var stop = api.post(owner, "/apps/phased/dynos/release." + number + "/actions/stop", "{}");

        assertThat(stop.status()).as(stop.body()).isEqualTo(202);
        assertThat(phaseRuns()).isEmpty();
        JsonNode v3 = awaitStatus(3, "failed");
        assertThat(v3.get("status_reason").asText()).contains("stopped before it ended");
        assertThat(webReleases()).containsOnly(2);
    }

    @Test
    void a_config_change_runs_the_release_phase_of_the_build_it_releases() {
        deployWithPhase("bbbbbbb", "img:2");
        report(phaseRun().get("index").asInt(), "down", 0);
        awaitStatus(3, "succeeded");

        var change = api.patch(owner, "/apps/phased/config-vars", "{\"DATABASE_URL\":\"postgres://db\"}");

        assertThat(change.status()).isEqualTo(200);
        JsonNode v4 = api.get(owner, "/apps/phased/releases/v4").json();
        assertThat(v4.get("status").asText()).isEqualTo("pending");
        JsonNode phase = phaseRun();
        assertThat(phase.get("release").asInt()).isEqualTo(4);
        assertThat(phase.get("env").get("DATABASE_URL").asText()).isEqualTo("postgres://db");
        assertThat(webReleases()).containsOnly(3);
    }

    /** Heroku runs the release phase for every new release except those an add-on's config change makes. */
    @Test
    void an_add_on_config_change_releases_without_running_the_release_phase() {
        deployWithPhase("bbbbbbb", "img:2");
        report(phaseRun().get("index").asInt(), "down", 0);
        awaitStatus(3, "succeeded");
        var created = api.post(owner, "/apps/phased/addons", "{\"plan\":\"heroku-redis\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String addon = created.json().get("id").asText();

        var ready = api.call("PUT", admin, "/agents/" + agent + "/addon-reports", "{\"addons\":[{\"id\":\""
                + addon + "\",\"state\":\"ready\"}]}");

        assertThat(ready.status()).as(ready.body()).isEqualTo(204);
        JsonNode v4 = api.get(owner, "/apps/phased/releases/v4").json();
        assertThat(v4.get("description").asText()).startsWith("Attach REDIS");
        assertThat(v4.get("status").asText()).isEqualTo("succeeded");
        assertThat(v4.get("current").asBoolean()).isTrue();
        assertThat(phaseRuns()).as("no release command runs for it").isEmpty();
        assertThat(webReleases()).containsOnly(4);
    }

    @Test
    void rolling_back_to_a_failed_release_is_refused_with_its_reason_and_to_a_succeeded_one_runs_the_phase_again() {
        deployWithPhase("bbbbbbb", "img:2");
        report(phaseRun().get("index").asInt(), "down", 1);
        awaitStatus(3, "failed");
        deployWithPhase("ccccccc", "img:3");
        report(phaseRun().get("index").asInt(), "down", 0);
        awaitStatus(4, "succeeded");

        var refused = api.post(owner, "/apps/phased/releases", "{\"release\":\"v3\"}");
        var rollback = api.post(owner, "/apps/phased/releases", "{\"release\":\"v4\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("v3").contains("exited with status 1");
        assertThat(rollback.status()).isEqualTo(201);
        assertThat(rollback.json().get("status").asText()).isEqualTo("pending");
        assertThat(phaseRun().get("release").asInt()).isEqualTo(5);
    }

    @Test
    void the_release_type_is_not_part_of_the_formation_and_cannot_be_scaled() {
        deployWithPhase("bbbbbbb", "img:2");
        report(phaseRun().get("index").asInt(), "down", 0);
        awaitStatus(3, "succeeded");

        var scale = api.patch(owner, "/apps/phased/formation", "{\"updates\":[{\"type\":\"release\",\"quantity\":1}]}");

        assertThat(scale.status()).isEqualTo(422);
        assertThat(scale.message()).contains("release phase").contains("cannot be scaled");
        assertThat(api.get(owner, "/apps/phased/formation").json().findValuesAsText("type")).doesNotContain("release");
    }

    @Test
    void the_output_stream_url_streams_the_phase_output_as_text_without_a_token_until_the_phase_ends()
            throws Exception {
        JsonNode v3 = deployWithPhase("bbbbbbb", "img:2");
        int number = phaseRun().get("index").asInt();
        String url = v3.get("output_stream_url").asText();
        assertThat(url).startsWith(platform.baseUrl() + "/release-outputs/");
        ship("app", "release." + number, "Migrating 3 tables");
        ship("app", "release." + number, "Done");
        ship("heroku", "release." + number, "Process exited with status 0");
        ship("heroku", "release." + number, "State changed from up to complete");
        report(number, "down", 0);

        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).isEqualTo("Migrating 3 tables\nDone\n");
        var forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get(owner, "/apps/phased/releases/v2").json().get("output_stream_url").isNull()).isTrue();
    }

    @Test
    void only_the_platform_may_abandon_a_release_and_then_the_previous_succeeded_one_runs_again() {
        Deploys.deploy(api, owner, "phased", "ddddddd", "img:4"); // v3, no release phase
        assertThat(webReleases()).containsOnly(3);
        String body = "{\"reason\":\"web.1 crashed at boot (exit code 1)\"}";

        var byUser = api.post(owner, "/apps/phased/releases/v3/actions/abandon", body);
        var blank = api.post(admin, "/apps/phased/releases/v3/actions/abandon", "{\"reason\":\" \"}");
        var notCurrent = api.post(admin, "/apps/phased/releases/v2/actions/abandon", body);
        var abandoned = api.post(admin, "/apps/phased/releases/v3/actions/abandon", body);
        var again = api.post(admin, "/apps/phased/releases/v3/actions/abandon", body);

        assertThat(byUser.status()).isEqualTo(403);
        assertThat(blank.status()).isEqualTo(422);
        assertThat(notCurrent.status()).isEqualTo(422);
        assertThat(notCurrent.message()).contains("not the current release");
        assertThat(abandoned.status()).as(abandoned.body()).isEqualTo(200);
        assertThat(abandoned.json().get("status").asText()).isEqualTo("failed");
        assertThat(abandoned.json().get("status_reason").asText()).isEqualTo("web.1 crashed at boot (exit code 1)");
        assertThat(again.status()).isEqualTo(422);
        assertThat(api.get(owner, "/apps/phased/releases/v2").json().get("current").asBoolean()).isTrue();
        assertThat(webReleases()).containsOnly(2);
        var next = api.patch(owner, "/apps/phased/config-vars", "{\"X\":\"1\"}");
        assertThat(next.status()).isEqualTo(200);
        assertThat(api.get(owner, "/apps/phased/releases/v4").json().get("image").asText())
                .as("derived from the release that did not fail").isEqualTo("img:1");
    }

    private JsonNode deployWithPhase(String commit, String image) {
        String build = Deploys.succeededBuild(api, owner, "phased", commit, image, WITH_PHASE);
        var release = api.post(owner, "/apps/phased/releases", "{\"build\":\"" + build + "\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        return release.json();
    }

    private List<JsonNode> instances() {
        var all = new ArrayList<JsonNode>();
        api.get(admin, "/agents/" + agent + "/instances").json().forEach(all::add);
        return all;
    }

    private List<JsonNode> phaseRuns() {
        return instances().stream().filter(n -> n.get("type").asText().equals("release")).toList();
    }

    private JsonNode phaseRun() {
        var runs = phaseRuns();
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    private List<Integer> webReleases() {
        return instances().stream().filter(n -> n.get("type").asText().equals("web"))
                .map(n -> n.get("release").asInt()).toList();
    }

    private void report(int number, String state, Integer exitCode) {
        var response = api.call("PUT", admin, "/agents/" + agent + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c1\",\"app_id\":\"" + appId + "\",\"type\":\"release\",\"index\":" + number + ",\"release\":3,"
                + "\"state\":\"" + state + "\",\"exit_code\":" + exitCode + "}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private void ship(String source, String dyno, String line) {
        var response = api.post(admin, "/agents/" + agent + "/logs", "{\"lines\":[{\"app_id\":\"" + appId
                + "\",\"time\":\"" + Instant.now() + "\",\"source\":\"" + source + "\",\"dyno\":\"" + dyno
                + "\",\"line\":\"" + line + "\"}]}");
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202, 204);
    }

    private JsonNode awaitStatus(int version, String status) {
        await(() -> api.get(owner, "/apps/phased/releases/v" + version).json().get("status").asText().equals(status));
        return api.get(owner, "/apps/phased/releases/v" + version).json();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
