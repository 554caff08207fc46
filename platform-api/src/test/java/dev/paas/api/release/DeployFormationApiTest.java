package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A deploy that carries a formation (an app.json's first deploy) starts its release scaled as asked, or not at all. */
@ExtendWith(PlatformExtension.class)
class DeployFormationApiTest {
    private Api api;
    private String token;
    private String build;

    @BeforeEach
    void builtApp(TestPlatform platform, Api api) {
        this.api = api;
        this.token = platform.user("setup@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"setup\"}").status()).isEqualTo(201);
        build = Deploys.succeededBuild(api, token, "setup", "abcdef0", "img:1",
                "{\"web\":\"npm start\",\"worker\":\"node worker.js\"}");
    }

    @Test
    void a_deploy_with_a_formation_releases_once_with_those_quantities_and_sizes() {
        var release = api.post(api.builderToken(), "/apps/setup/releases", "{\"build\":\"" + build + "\","
                + "\"formation\":[{\"type\":\"web\",\"quantity\":2,\"size\":\"standard-2X\"},"
                + "{\"type\":\"worker\",\"quantity\":1}]}");

        assertThat(release.status()).as(release.body()).isEqualTo(201);
        assertThat(formation()).isEqualTo(Map.of("web", "2:standard-2X", "worker", "1:standard-1X"));
        assertThat(api.get(token, "/apps/setup/releases").json()).hasSize(2);
        assertThat(release.json().get("user").get("email").asText()).isEqualTo("setup@example.com");
    }

    @Test
    void a_deploy_whose_formation_names_an_unknown_type_is_refused_and_releases_nothing() {
        var release = api.post(api.builderToken(), "/apps/setup/releases", "{\"build\":\"" + build + "\","
                + "\"formation\":[{\"type\":\"clock\",\"quantity\":1}]}");

        assertThat(release.status()).isEqualTo(422);
        assertThat(release.body()).contains("clock", "web, worker");
        assertThat(api.get(token, "/apps/setup/releases").json()).hasSize(1);
        assertThat(api.get(token, "/apps/setup/formation").json()).isEmpty();
    }

    private Map<String, String> formation() {
        var result = new HashMap<String, String>();
        api.get(token, "/apps/setup/formation").json().forEach(f -> result.put(f.get("type").asText(),
                f.get("quantity").asInt() + ":" + f.get("size").asText()));
        return result;
    }
}
