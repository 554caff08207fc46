package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class SchedulingApiTest {
    private Api api;
    private String admin;
    private String agentA;
    private String agentB;

    @BeforeEach
    void twoAgentsAndAnApp(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        agentA = register("host-a");
        agentB = register("host-b");
        assertThat(api.post(admin, "/apps", "{\"name\":\"placed\"}").status()).isEqualTo(201);
        api.patch(admin, "/apps/placed/config-vars", "{\"SECRET\":\"s\"}");
        Deploys.deploy(api, admin, "placed", "abcdef0", "img:1");
    }

    @Test
    void the_first_deploy_places_one_web_slot_with_the_release_and_its_config() {
        var all = desired();

        assertThat(all).hasSize(1);
        JsonNode web = all.getFirst();
        assertThat(web.get("type").asText()).isEqualTo("web");
        assertThat(web.get("index").asInt()).isEqualTo(1);
        assertThat(web.get("release").asInt()).isEqualTo(3);
        assertThat(web.get("image").asText()).isEqualTo("img:1");
        assertThat(web.get("command").asText()).isEqualTo("npm start");
        assertThat(web.get("env").get("SECRET").asText()).isEqualTo("s");
    }

    @Test
    void scaling_spreads_slots_over_agents_and_scaling_down_removes_them() {
        api.patch(admin, "/apps/placed/formation/web", "{\"quantity\":4}");

        assertThat(api.get(admin, "/agents/" + agentA + "/instances").json()).hasSize(2);
        assertThat(api.get(admin, "/agents/" + agentB + "/instances").json()).hasSize(2);

        api.patch(admin, "/apps/placed/formation/web", "{\"quantity\":1}");
        assertThat(desired()).extracting(n -> n.get("index").asInt()).containsExactly(1);
    }

    @Test
    void a_config_change_or_rollback_moves_every_slot_to_the_new_release() {
        api.patch(admin, "/apps/placed/formation/web", "{\"quantity\":2}");
        api.patch(admin, "/apps/placed/config-vars", "{\"SECRET\":\"t\"}");

        assertThat(desired()).extracting(n -> n.get("release").asInt()).containsOnly(4);
        assertThat(desired()).extracting(n -> n.get("env").get("SECRET").asText()).containsOnly("t");

        api.post(admin, "/apps/placed/releases", "{\"release\":\"v3\"}");
        assertThat(desired()).extracting(n -> n.get("release").asInt()).containsOnly(5);
        assertThat(desired()).extracting(n -> n.get("env").get("SECRET").asText()).containsOnly("s");
    }

    @Test
    void restarting_bumps_the_generation_of_the_named_slots_only() {
        api.patch(admin, "/apps/placed/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":2},"
                + "{\"type\":\"worker\",\"quantity\":1}]}");

        assertThat(api.delete(admin, "/apps/placed/dynos/web.2").status()).isEqualTo(202);
        assertThat(generations()).containsExactly("web.1=0", "web.2=1", "worker.1=0");
        assertThat(api.delete(admin, "/apps/placed/dynos/worker").status()).isEqualTo(202);
        assertThat(api.delete(admin, "/apps/placed/dynos").status()).isEqualTo(202);
        assertThat(generations()).containsExactly("web.1=1", "web.2=2", "worker.1=2");

        assertThat(api.delete(admin, "/apps/placed/dynos/clock").status()).isEqualTo(404);
        assertThat(api.delete(admin, "/apps/placed/dynos/web.9").status()).isEqualTo(404);
        assertThat(api.delete(admin, "/apps/placed/dynos/Web!").status()).isEqualTo(422);
        assertThat(generations()).as("refused restarts change nothing").containsExactly("web.1=1", "web.2=2",
                "worker.1=2");
        assertThat(api.get(admin, "/apps/placed/logs?dyno=api").body()).contains("heroku[api]: Restart web.2 by user")
                .contains("heroku[api]: Restart by user ops@example.com");
    }

    private List<String> generations() {
        return desired().stream().map(n -> n.get("type").asText() + "." + n.get("index").asInt() + "="
                + n.get("generation").asInt()).sorted().toList();
    }

    @Test
    void destroying_the_app_empties_its_slots() {
        api.delete(admin, "/apps/placed");

        assertThat(desired()).isEmpty();
    }

    @Test
    void slots_of_a_lost_agent_move_to_one_that_heartbeats() throws InterruptedException {
        api.patch(admin, "/apps/placed/formation/web", "{\"quantity\":2}");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline
                && api.get(admin, "/agents/" + agentA + "/instances").json().size() < 2) {
            assertThat(api.post(admin, "/agents/" + agentA + "/heartbeat", null).status()).isEqualTo(204);
            Thread.sleep(200);
        }

        assertThat(api.get(admin, "/agents/" + agentA + "/instances").json()).hasSize(2);
        var agents = api.get(admin, "/agents").json();
        assertThat(agents.findValuesAsText("status")).contains("lost", "alive");
    }

    @Test
    void agents_report_what_runs_and_ps_shows_it() {
        String app = api.get(admin, "/apps/placed").json().get("id").asText();
        var report = api.call("PUT", admin, "/agents/" + agentA + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c0ffee\",\"app_id\":\"" + app + "\",\"type\":\"web\",\"index\":1,\"release\":3,\"state\":\"up\","
                + "\"port\":41000}]}");

        assertThat(report.status()).isEqualTo(204);
        var dynos = api.get(admin, "/apps/placed/dynos").json();
        assertThat(dynos).hasSize(1);
        assertThat(dynos.get(0).get("name").asText()).isEqualTo("web.1");
        assertThat(dynos.get(0).get("state").asText()).isEqualTo("up");
        assertThat(dynos.get(0).get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(dynos.get(0).get("port").asInt()).isEqualTo(41000);
    }

    @Test
    void ps_shows_since_when_a_process_is_in_its_state_as_reported_not_when_it_was_reported() {
        String app = api.get(admin, "/apps/placed").json().get("id").asText();
        String report = "{\"instances\":[{\"container_id\":\"c0ffee\",\"app_id\":\"" + app + "\",\"type\":\"web\","
                + "\"index\":1,\"release\":3,\"state\":\"up\",\"port\":41000,\"generation\":2,"
                + "\"since\":\"2026-01-02T03:04:05.123456Z\"}]}";

        assertThat(api.call("PUT", admin, "/agents/" + agentA + "/reports", report).status()).isEqualTo(204);
        assertThat(api.call("PUT", admin, "/agents/" + agentA + "/reports", report).status()).isEqualTo(204);

        var dyno = api.get(admin, "/apps/placed/dynos").json().get(0);
        assertThat(java.time.Instant.parse(dyno.get("updated_at").asText()))
                .isEqualTo(java.time.Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void only_admins_act_as_agents_and_bad_registrations_are_refused(TestPlatform platform) {
        String user = platform.user("plain@example.com");
        assertThat(api.post(user, "/agents", "{\"name\":\"x\",\"address\":\"127.0.0.1\",\"memory_mb\":1024}")
                .status()).isEqualTo(403);
        assertThat(api.get(user, "/agents/" + agentA + "/instances").status()).isEqualTo(403);
        assertThat(api.post(admin, "/agents", "{\"name\":\"bad name\",\"address\":\"127.0.0.1\",\"memory_mb\":1024}")
                .status()).isEqualTo(422);
        assertThat(api.post(admin, "/agents", "{\"name\":\"h\",\"address\":\"127.0.0.1\",\"memory_mb\":-5}")
                .status()).isEqualTo(422);
        String app = api.get(admin, "/apps/placed").json().get("id").asText();
        var odd = api.call("PUT", admin, "/agents/" + agentA + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c\",\"app_id\":\"" + app + "\",\"type\":\"web\",\"index\":1,\"release\":3,\"state\":\"odd\"}]}");
        assertThat(odd.status()).isEqualTo(422);
        assertThat(odd.json().get("message").asText()).contains("instances.[0].state")
                .contains("one of starting, up, crashed, down, waiting");
        assertThat(api.call("PUT", admin, "/agents/" + agentA + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c\",\"app_id\":\"" + app + "\",\"type\":\"web\",\"index\":1,\"release\":3,"
                + "\"state\":\"waiting\"}]}").status()).as("waiting is the control plane's word, not an agent's")
                .isEqualTo(422);
        assertThat(api.call("PUT", admin, "/agents/" + agentA + "/reports", "{\"instances\":[{\"state\":\"up\"}]}")
                .status()).isIn(400, 422);
        assertThat(api.get(admin, "/apps/placed/dynos").json()).isEmpty();
        assertThat(api.get(admin, "/agents/00000000-0000-0000-0000-000000000000/instances").status()).isEqualTo(404);
    }

    private String register(String name) {
        var agent = api.post(admin, "/agents", "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().get("id").asText();
    }

    private List<JsonNode> desired() {
        var all = new ArrayList<JsonNode>();
        for (String agent : List.of(agentA, agentB)) {
            api.get(admin, "/agents/" + agent + "/instances").json().forEach(all::add);
        }
        return all;
    }
}
