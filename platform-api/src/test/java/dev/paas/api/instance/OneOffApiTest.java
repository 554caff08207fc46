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
class OneOffApiTest {
    private Api api;
    private String admin;
    private String owner;
    private TestPlatform platform;

    @BeforeEach
    void anAppWithABuild(TestPlatform platform, Api api) {
        this.api = api;
        this.platform = platform;
        this.admin = platform.admin("ops@example.com");
        this.owner = platform.user("dev@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"oneoffs\"}").status()).isEqualTo(201);
        api.patch(owner, "/apps/oneoffs/config-vars", "{\"GREETING\":\"hi\"}");
    }

    @Test
    void a_run_is_placed_on_an_agent_with_its_release_command_and_config_and_numbered_per_app() {
        String agent = register("host-a");
        int version = Deploys.deploy(api, owner, "oneoffs", "abcdef0", "img:1");

        var first = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"echo $GREETING\"}");
        var second = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"env\",\"attach\":false}");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("name").asText()).isEqualTo("run.1");
        assertThat(first.json().get("type").asText()).isEqualTo("run");
        assertThat(second.json().get("name").asText()).isEqualTo("run.2");
        var runs = oneOffs(agent);
        assertThat(runs).extracting(n -> n.get("index").asInt()).containsExactly(1, 2);
        JsonNode run = runs.getFirst();
        assertThat(run.get("command").asText()).isEqualTo("echo $GREETING");
        assertThat(run.get("release").asInt()).isEqualTo(version);
        assertThat(run.get("image").asText()).isEqualTo("img:1");
        assertThat(run.get("env").get("GREETING").asText()).isEqualTo("hi");
        assertThat(run.get("size").asText()).isEqualTo("standard-1X");
    }

    @Test
    void a_run_keeps_its_release_when_the_app_moves_on_and_leaves_once_reported_ended() {
        String agent = register("host-a");
        Deploys.deploy(api, owner, "oneoffs", "abcdef0", "img:1");
        api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"sleep 100\"}");
        String appId = api.get(owner, "/apps/oneoffs").json().get("id").asText();
        api.patch(owner, "/apps/oneoffs/config-vars", "{\"GREETING\":\"hello\"}");

        assertThat(oneOffs(agent).getFirst().get("env").get("GREETING").asText()).isEqualTo("hi");

        report(agent, appId, "up", null);
        assertThat(oneOffs(agent)).hasSize(1);
        report(agent, appId, "crashed", 3);
        assertThat(oneOffs(agent)).isEmpty();
    }

    @Test
    void bad_requests_are_refused_and_start_nothing() {
        String agent = register("host-a");
        assertThat(api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"ls\"}").status())
                .as("no build yet").isEqualTo(422);
        Deploys.deploy(api, owner, "oneoffs", "abcdef0", "img:1");

        var noCommand = api.post(owner, "/apps/oneoffs/dynos", "{}");
        var blank = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"  \"}");
        var badSize = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"ls\",\"size\":\"huge\"}");
        var malformed = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":");
        var stranger = api.post(platform.user("x@example.com"), "/apps/oneoffs/dynos", "{\"command\":\"ls\"}");

        assertThat(noCommand.status()).isEqualTo(422);
        assertThat(noCommand.message()).contains("command");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(badSize.status()).isEqualTo(422);
        assertThat(badSize.message()).contains("standard-1X");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(stranger.status()).isIn(403, 404);
        assertThat(oneOffs(agent)).isEmpty();
    }

    @Test
    void with_no_agent_to_run_it_the_answer_is_503_and_says_what_to_do() {
        Deploys.deploy(api, owner, "oneoffs", "abcdef0", "img:1");

        var response = api.post(owner, "/apps/oneoffs/dynos", "{\"command\":\"ls\"}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.message()).contains("agent");
    }

    private List<JsonNode> oneOffs(String agent) {
        var all = new ArrayList<JsonNode>();
        api.get(admin, "/agents/" + agent + "/instances").json().forEach(all::add);
        return all.stream().filter(n -> n.get("one_off").asBoolean()).toList();
    }

    private void report(String agent, String appId, String state, Integer exitCode) {
        var response = api.call("PUT", admin, "/agents/" + agent + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c1\",\"app_id\":\"" + appId + "\",\"type\":\"run\",\"index\":1,\"release\":3,\"state\":\""
                + state + "\",\"exit_code\":" + exitCode + "}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private String register(String name) {
        var response = api.post(admin, "/agents", "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\","
                + "\"memory_mb\":4096}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }
}
