package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.TestPlatform;
import dev.paas.client.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** app.json's health checks on a real push: refused when malformed, carried to the agents' instances when not. */
class AppJsonPushTest extends PushFixture {
    private static final String WEB = "web: exec python3 -m http.server $PORT\n";

    @Override
    protected Map<String, String> builderSettings(TestPlatform platform) {
        return Map.of("PAAS_BOOT_WAIT_SECONDS", "0");
    }

    @Test
    void a_malformed_health_check_fails_the_push_naming_the_field_and_releases_nothing() throws Exception {
        int releasesBefore = client.releases(app, 100).size();
        var ws = workspace().write("Procfile", WEB)
                .write("app.json", "{\"healthchecks\": {\"web\": [{\"path\": \"/health\", \"attempts\": -1}]}}");
        ws.commit("bad checks");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("app.json: healthchecks.web[0].attempts must be a whole number from 1 to "
                + "100, got -1", "Push rejected: build failed");
        assertThat(client.builds(app).getFirst().status()).isEqualTo("failed");
        assertThat(client.releases(app, 100)).hasSize(releasesBefore);
    }

    @Test
    void app_json_that_is_not_json_fails_the_push() throws Exception {
        var ws = workspace().write("Procfile", WEB).write("app.json", "{\"healthchecks\": ");
        ws.commit("broken");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).containsPattern("app\\.json:? is not valid JSON \\(line 1");
    }

    @Test
    void checks_of_a_process_type_the_procfile_lacks_fail_the_push() throws Exception {
        var ws = workspace().write("Procfile", WEB)
                .write("app.json", "{\"healthchecks\": {\"worker\": [{\"command\": [\"true\"]}]}}");
        ws.commit("checks for a worker there is not");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("app.json: healthchecks.worker: the app has no process type 'worker' "
                + "(it has: web)");
    }

    @Test
    void the_health_checks_of_a_pushed_app_json_reach_the_agent_that_runs_the_release() throws Exception {
        var agent = service.registerAgent(new Wire.AgentRegistration("checks-agent", "127.0.0.1", 4096));
        var ws = workspace().write("Procfile", WEB).write("app.json", """
                {"name": "checked", "healthchecks": {"web": [
                  {"type": "startup", "name": "ready", "path": "/health", "content": "ok", "attempts": 5},
                  {"type": "liveness", "listening": true, "wait": 10}
                ]}}
                """);
        ws.commit("with checks");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Health checks: web (2)");
        // The build outlasts the registration's heartbeat: the agent says it is there again, and is placed on.
        var placed = new java.util.ArrayList<Wire.AgentInstance>();
        Await.until("web.1 placed on the agent", java.time.Duration.ofSeconds(30), () -> {
            service.registerAgent(new Wire.AgentRegistration("checks-agent", "127.0.0.1", 4096));
            placed.clear();
            placed.addAll(service.agentInstances(agent.id()));
            return !placed.isEmpty();
        });
        assertThat(placed).filteredOn(i -> i.app().equals(app)).singleElement()
                .satisfies(i -> assertThat(i.healthchecks()).containsExactly(
                        new Wire.HealthCheck("startup", "ready", "/health", "ok", null, null, 5, 5, 5, 0),
                        new Wire.HealthCheck("liveness", null, null, null, null, true, 3, 5, 10, 0)));
    }
}
