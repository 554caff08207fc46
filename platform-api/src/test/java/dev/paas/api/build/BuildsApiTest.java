package dev.paas.api.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PlatformExtension.class)
class BuildsApiTest {
    private Api api;
    private String token;
    private String build;

    @BeforeEach
    void pendingBuild(TestPlatform platform, Api api) {
        this.api = api;
        this.token = platform.user("builder@example.com");
        api.post(token, "/apps", "{\"name\":\"built\"}");
        var created = api.post(token, "/apps/built/builds", "{\"commit\":\"0123456789abcdef\",\"buildpack\":\"nodejs\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        this.build = created.json().get("id").asText();
    }

    @Test
    void a_build_is_finished_once_and_keeps_its_output() {
        var finished = api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"succeeded\",\"image\":\"img:1\","
                + "\"process_types\":{\"web\":\"npm start\"},\"output\":\"-----> Node.js app detected\\n\"}");

        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.json().get("status").asText()).isEqualTo("succeeded");
        assertThat(finished.json().get("process_types").get("web").asText()).isEqualTo("npm start");
        assertThat(api.get(token, "/apps/built/builds/" + build + "/output").body())
                .isEqualTo("-----> Node.js app detected\n");
        var again = api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"failed\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get(token, "/apps/built/builds/" + build).json().get("status").asText()).isEqualTo("succeeded");
        assertThat(api.get(token, "/apps/built/builds").json()).hasSize(1);
    }

    @Test
    void one_deploy_per_app_in_flight_a_second_build_waits_for_the_first_to_end() {
        var second = api.post(token, "/apps/built/builds", "{\"commit\":\"abcdef0\"}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.message()).contains("being deployed");
        assertThat(api.get(token, "/apps/built/builds").json()).hasSize(1);
        api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"failed\",\"output\":\"x\"}");
        assertThat(api.post(token, "/apps/built/builds", "{\"commit\":\"abcdef0\"}").status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"succeeded\"}", "{\"status\":\"done\"}", "{}",
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"bad type\":\"x\"}}",
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"web\":\"\"}}"})
    void invalid_outcomes_return_422_and_leave_the_build_pending(String body) {
        assertThat(api.patch(token, "/apps/built/builds/" + build, body).status()).isEqualTo(422);
        assertThat(api.get(token, "/apps/built/builds/" + build).json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void a_bad_commit_or_unknown_build_is_refused() {
        assertThat(api.post(token, "/apps/built/builds", "{\"commit\":\"not hex!\"}").status()).isEqualTo(422);
        assertThat(api.get(token, "/apps/built/builds/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(api.get(token, "/apps/built/builds/nope").status()).isEqualTo(404);
        assertThat(api.get(token, "/apps/built/builds").json()).hasSize(1);
    }
}
