package dev.paas.builder.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.builder.build.BuildFailure;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AppJsonHealthchecksTest {

    @Test
    void checks_come_out_with_dokkus_defaults_filled_in() {
        var checks = AppJsonHealthchecks.parse("""
                {"name": "shop", "env": {"A": "b"}, "healthchecks": {"web": [
                  {"type": "startup", "name": "ready", "description": "d", "path": "/health", "content": "ok"},
                  {"type": "liveness", "listening": true, "attempts": 2, "timeout": 1, "wait": 10, "initialDelay": 4}
                ], "worker": [{"type": "readiness", "command": ["test", "-f", "/tmp/ready"]}]}}
                """);

        assertThat(checks.get("web")).containsExactly(
                new Wire.HealthCheck("startup", "ready", "/health", "ok", null, null, 3, 5, 5, 0),
                new Wire.HealthCheck("liveness", null, null, null, null, true, 2, 1, 10, 4));
        assertThat(checks.get("worker")).containsExactly(
                new Wire.HealthCheck("readiness", null, null, null, List.of("test", "-f", "/tmp/ready"), null, 3, 5, 5, 0));
    }

    @Test
    void an_app_json_without_healthchecks_has_none_and_a_check_without_type_is_a_startup_check() {
        assertThat(AppJsonHealthchecks.parse("{\"env\": {}}")).isEmpty();
        assertThat(AppJsonHealthchecks.parse("{\"healthchecks\": {\"web\": [{\"path\": \"/\"}]}}").get("web"))
                .singleElement().extracting(Wire.HealthCheck::type).isEqualTo("startup");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | {"healthchecks": {                                              | is not valid JSON (line
            not an object             | []                                                              | must be a JSON object
            healthchecks not an object| {"healthchecks": []}                                            | healthchecks must be an object
            checks not a list         | {"healthchecks": {"web": {}}}                                   | healthchecks.web must be a list
            bad process type name     | {"healthchecks": {"w b": []}}                                   | healthchecks.w b: 'w b' is not a process type
            check not an object       | {"healthchecks": {"web": [3]}}                                  | healthchecks.web[0] must be an object
            unknown type              | {"healthchecks": {"web": [{"type": "warmup", "path": "/"}]}}    | healthchecks.web[0].type must be startup, readiness or liveness, got 'warmup'
            unknown field             | {"healthchecks": {"web": [{"path": "/", "retries": 3}]}}        | healthchecks.web[0].retries is not a health check field
            unsupported field         | {"healthchecks": {"web": [{"path": "/", "scheme": "https"}]}}   | healthchecks.web[0].scheme is not supported here
            negative attempts         | {"healthchecks": {"web": [{"path": "/", "attempts": -1}]}}      | healthchecks.web[0].attempts must be a whole number from 1 to 100, got -1
            zero attempts             | {"healthchecks": {"web": [{"path": "/", "attempts": 0}]}}       | healthchecks.web[0].attempts must be a whole number from 1
            negative timeout          | {"healthchecks": {"web": [{"path": "/", "timeout": -5}]}}       | healthchecks.web[0].timeout must be a whole number from 1
            negative wait             | {"healthchecks": {"web": [{"path": "/", "wait": -1}]}}          | healthchecks.web[0].wait must be a whole number from 0
            negative initialDelay     | {"healthchecks": {"web": [{"path": "/", "initialDelay": -2}]}}  | healthchecks.web[0].initialDelay must be a whole number from 0
            fractional timeout        | {"healthchecks": {"web": [{"path": "/", "timeout": 1.5}]}}      | healthchecks.web[0].timeout must be a whole number
            string attempts           | {"healthchecks": {"web": [{"path": "/", "attempts": "3"}]}}     | healthchecks.web[0].attempts must be a whole number
            nothing to check          | {"healthchecks": {"web": [{"type": "startup"}]}}                | healthchecks.web[0] must check exactly one of
            two things to check       | {"healthchecks": {"web": [{"path": "/", "listening": true}]}}   | healthchecks.web[0] must check exactly one of
            path without slash        | {"healthchecks": {"web": [{"path": "health"}]}}                 | healthchecks.web[0].path must start with '/'
            content without path      | {"healthchecks": {"web": [{"listening": true, "content": "x"}]}} | healthchecks.web[0].content is the body an HTTP check expects
            command not a list        | {"healthchecks": {"web": [{"command": "true"}]}}                | healthchecks.web[0].command must be a non-empty list of strings
            command of numbers        | {"healthchecks": {"web": [{"command": [1]}]}}                   | healthchecks.web[0].command must be a list of strings
            listening not a boolean   | {"healthchecks": {"web": [{"listening": "yes"}]}}               | healthchecks.web[0].listening must be true or false
            path on a worker          | {"healthchecks": {"worker": [{"path": "/"}]}}                   | healthchecks.worker[0]: only web processes have a port
            """)
    void a_malformed_app_json_fails_naming_the_field(String name, String json, String message) {
        assertThatThrownBy(() -> AppJsonHealthchecks.parse(json))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("app.json: ")
                .hasMessageContaining(message);
    }

    @Test
    void checks_of_a_process_type_the_build_does_not_have_are_refused_naming_the_ones_it_has() {
        var checks = AppJsonHealthchecks.parse("{\"healthchecks\": {\"wrker\": [{\"command\": [\"true\"]}]}}");

        assertThatThrownBy(() -> AppJsonHealthchecks.requireTypes(checks, Set.of("web", "worker")))
                .hasMessage("app.json: healthchecks.wrker: the app has no process type 'wrker' (it has: web, worker). "
                        + "Add it to the Procfile or remove its checks.");
    }
}
