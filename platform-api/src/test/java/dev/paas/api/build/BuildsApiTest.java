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
    private String owner;
    private String build;

    @BeforeEach
    void pendingBuild(TestPlatform platform, Api api) {
        this.api = api;
        this.owner = platform.user("owner@example.com");
        this.token = api.builderToken();
        api.post(owner, "/apps", "{\"name\":\"built\"}");
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
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"web\":\"\"}}",
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"web\":\"x\"},"
                    + "\"healthchecks\":{\"worker\":[{\"type\":\"startup\",\"command\":[\"true\"]}]}}",
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"web\":\"x\"},"
                    + "\"healthchecks\":{\"web\":[{\"type\":\"warmup\",\"path\":\"/\"}]}}",
            "{\"status\":\"succeeded\",\"image\":\"i\",\"process_types\":{\"web\":\"x\"},"
                    + "\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"path\":\"/\",\"attempts\":-1}]}}"})
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

    @Test
    void an_app_owner_cannot_record_a_build_or_its_image_so_cannot_release_a_foreign_image() {
        var patched = api.patch(owner, "/apps/built/builds/" + build, "{\"status\":\"succeeded\",\"image\":\"843e\","
                + "\"process_types\":{\"web\":\"sh\"}}");
        assertThat(patched.status()).isEqualTo(403);
        assertThat(patched.message()).contains("recorded by the platform's builder only");
        var created = api.post(owner, "/apps/built/builds", "{\"commit\":\"abcdef0\"}");
        assertThat(created.status()).isEqualTo(403);

        var released = api.post(owner, "/apps/built/releases", "{\"build\":\"" + build + "\"}");

        assertThat(released.status()).isEqualTo(422);
        assertThat(api.get(owner, "/apps/built/builds/" + build).json().get("image").isNull()).isTrue();
        assertThat(api.get(owner, "/apps/built/releases").json()).hasSize(1);
    }

    @Test
    void a_release_request_cannot_carry_its_own_image() {
        api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"succeeded\",\"image\":\"sha256:"
                + "a".repeat(64) + "\",\"process_types\":{\"web\":\"x\"}}");

        var released = api.post(owner, "/apps/built/releases", "{\"build\":\"" + build + "\",\"image\":\"843e\"}");

        assertThat(released.status()).isEqualTo(201);
        assertThat(released.json().get("image").asText()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(api.get(owner, "/apps/built/releases").json().toString()).doesNotContain("843e");
    }

    @Test
    void the_builder_records_the_pusher_as_the_build_and_release_author(TestPlatform platform) {
        api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"failed\"}");
        String ownerId = api.get(owner, "/account").json().get("id").asText();
        var created = api.post(token, "/apps/built/builds", "{\"commit\":\"abcdef0\",\"user\":\"" + ownerId + "\"}");
        String id = created.json().get("id").asText();
        api.patch(token, "/apps/built/builds/" + id, "{\"status\":\"succeeded\",\"image\":\"sha256:" + "b".repeat(64)
                + "\"}");

        var released = api.post(token, "/apps/built/releases", "{\"build\":\"" + id + "\"}");

        assertThat(created.json().get("user").get("email").asText()).isEqualTo("owner@example.com");
        assertThat(released.status()).isEqualTo(201);
        assertThat(released.json().get("user").get("email").asText()).isEqualTo("owner@example.com");
        var unknown = api.post(token, "/apps/built/builds", "{\"user\":\"00000000-0000-0000-0000-000000000000\"}");
        assertThat(unknown.status()).isEqualTo(422);
    }

    @Test
    void a_user_cancels_a_pending_build_once_and_it_cannot_be_finished_or_released_after() {
        var canceled = api.delete(owner, "/apps/built/builds/" + build);

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().get("status").asText()).isEqualTo("failed");
        assertThat(api.get(owner, "/apps/built/builds/" + build + "/output").body())
                .contains("Build canceled by owner@example.com");
        assertThat(api.patch(token, "/apps/built/builds/" + build, "{\"status\":\"succeeded\",\"image\":\"sha256:"
                + "c".repeat(64) + "\"}").status()).isEqualTo(409);
        assertThat(api.delete(owner, "/apps/built/builds/" + build).status()).isEqualTo(409);
        assertThat(api.post(owner, "/apps/built/releases", "{\"build\":\"" + build + "\"}").status())
                .isEqualTo(422);
    }

    @Test
    void another_user_cannot_cancel_a_build_of_an_app_they_cannot_see(TestPlatform platform) {
        String stranger = platform.user("stranger@example.com");

        assertThat(api.delete(stranger, "/apps/built/builds/" + build).status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/built/builds/" + build).json().get("status").asText()).isEqualTo("pending");
    }
}
