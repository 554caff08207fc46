package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class ReleasesApiTest {
    private Api api;
    private String token;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.api = api;
        this.token = platform.user("releaser@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"rel\"}").status()).isEqualTo(201);
    }

    @Test
    void deploying_a_succeeded_build_appends_a_release_with_its_image_and_the_current_config() {
        api.patch(token, "/apps/rel/config-vars", "{\"KEEP\":\"me\"}");
        int version = Deploys.deploy(api, token, "rel", "abc1234def", "registry.local/rel:1");

        var release = api.get(token, "/apps/rel/releases/v" + version).json();
        assertThat(version).isEqualTo(3);
        assertThat(release.get("description").asText()).isEqualTo("Deploy abc1234");
        assertThat(release.get("image").asText()).isEqualTo("registry.local/rel:1");
        assertThat(release.get("process_types").get("web").asText()).isEqualTo("npm start");
        assertThat(release.get("current").asBoolean()).isTrue();
        assertThat(api.get(token, "/apps/rel/releases/v2").json().get("current").asBoolean()).isFalse();
        assertThat(api.get(token, "/apps/rel/releases/3/config-vars").json().get("KEEP").asText()).isEqualTo("me");
    }

    @Test
    void rollback_appends_a_copy_of_the_target_build_and_config() {
        Deploys.deploy(api, token, "rel", "aaaaaaa", "img:1");            // v2
        api.patch(token, "/apps/rel/config-vars", "{\"LATER\":\"x\"}");   // v3
        Deploys.deploy(api, token, "rel", "bbbbbbb", "img:2");            // v4

        var rollback = api.post(token, "/apps/rel/releases", "{\"release\":\"v2\"}");

        assertThat(rollback.status()).isEqualTo(201);
        var created = rollback.json();
        assertThat(created.get("version").asInt()).isEqualTo(5);
        assertThat(created.get("description").asText()).isEqualTo("Rollback to v2");
        assertThat(created.get("image").asText()).isEqualTo("img:1");
        assertThat(api.get(token, "/apps/rel/config-vars").json().has("LATER")).isFalse();
        String v3id = api.get(token, "/apps/rel/releases/v3").json().get("id").asText();
        var byId = api.post(token, "/apps/rel/releases", "{\"release\":\"" + v3id + "\"}");
        assertThat(byId.json().get("description").asText()).isEqualTo("Rollback to v3");
        assertThat(api.get(token, "/apps/rel/config-vars").json().get("LATER").asText()).isEqualTo("x");
    }

    @Test
    void rolling_back_to_a_release_whose_registry_image_was_swept_is_refused_and_a_kept_one_is_not() {
        String old = "127.0.0.1:5005/paas-app/rel@sha256:" + "a".repeat(64);
        String kept = "127.0.0.1:5005/paas-app/rel@sha256:" + "b".repeat(64);
        Deploys.deploy(api, token, "rel", "aaaaaaa", old);                       // v2
        Deploys.deploy(api, token, "rel", "bbbbbbb", kept);                      // v3
        for (int i = 0; i < 9; i++) {                                            // v4..v12 run the kept image
            assertThat(api.patch(token, "/apps/rel/config-vars", "{\"N\":\"" + i + "\"}").status()).isEqualTo(200);
        }

        var refused = api.post(token, "/apps/rel/releases", "{\"release\":\"v2\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("Cannot roll back to v2").contains("no longer in the registry")
                .contains("PAAS_IMAGE_RETAIN_RELEASES");
        assertThat(api.get(token, "/apps/rel/releases").json()).hasSize(12);
        var allowed = api.post(token, "/apps/rel/releases", "{\"release\":\"v3\"}");
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.json().get("image").asText()).isEqualTo(kept);
    }

    @Test
    void rolling_back_to_a_release_without_a_build_returns_422_and_appends_nothing() {
        var refused = api.post(token, "/apps/rel/releases", "{\"release\":\"1\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("Cannot roll back to v1").contains("no build");
        assertThat(api.get(token, "/apps/rel/releases").json()).hasSize(1);
    }

    @Test
    void unknown_releases_return_404_and_bad_identifiers_422() {
        assertThat(api.get(token, "/apps/rel/releases/v9").status()).isEqualTo(404);
        assertThat(api.post(token, "/apps/rel/releases", "{\"release\":\"v9\"}").status()).isEqualTo(404);
        assertThat(api.get(token, "/apps/rel/releases/latest").status()).isEqualTo(422);
    }

    @Test
    void a_release_request_needs_exactly_one_of_release_or_build() {
        assertThat(api.post(token, "/apps/rel/releases", "{}").status()).isEqualTo(422);
        String build = Deploys.succeededBuild(api, token, "rel", "abcdef0", "img:1", "{\"web\":\"x\"}");
        assertThat(api.post(token, "/apps/rel/releases", "{\"release\":\"v1\",\"build\":\"" + build + "\"}")
                .status()).isEqualTo(422);
        assertThat(api.post(token, "/apps/rel/releases", "{\"release\":1}").status()).isEqualTo(400);
        assertThat(api.post(token, "/apps/rel/releases", "{\"build\":\"not-a-uuid\"}").status()).isEqualTo(400);
        assertThat(api.get(token, "/apps/rel/releases").json()).hasSize(1);
    }

    @Test
    void pending_and_failed_builds_cannot_be_released() {
        String pending = api.post(api.builderToken(), "/apps/rel/builds", "{\"commit\":\"abcdef0\"}").json().get("id").asText();
        assertThat(api.post(token, "/apps/rel/releases", "{\"build\":\"" + pending + "\"}").status()).isEqualTo(422);

        api.patch(api.builderToken(), "/apps/rel/builds/" + pending, "{\"status\":\"failed\",\"output\":\"npm ERR!\"}");
        var refused = api.post(token, "/apps/rel/releases", "{\"build\":\"" + pending + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("failed");
        assertThat(api.get(token, "/apps/rel/releases").json()).hasSize(1);
    }

    @Test
    void the_newest_release_comes_first_with_a_descending_range() {
        api.patch(token, "/apps/rel/config-vars", "{\"A\":\"1\"}");
        api.patch(token, "/apps/rel/config-vars", "{\"B\":\"2\"}");

        var newest = api.get(token, "/apps/rel/releases", "Range", "version ..; order=desc, max=1");

        assertThat(newest.status()).isEqualTo(206);
        assertThat(newest.json().get(0).get("version").asInt()).isEqualTo(3);
        assertThat(newest.headers().firstValue("Next-Range")).contains("version ]3..; max=1, order=desc");
        var rest = api.get(token, "/apps/rel/releases", "Range", "version ]3..; max=5, order=desc");
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().findValuesAsText("description")).containsExactly("Set A config vars",
                "Initial release");
    }
}
