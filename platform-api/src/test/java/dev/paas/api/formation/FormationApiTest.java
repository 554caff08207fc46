package dev.paas.api.formation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PlatformExtension.class)
class FormationApiTest {
    private Api api;
    private String token;

    @BeforeEach
    void deployedApp(TestPlatform platform, Api api) {
        this.api = api;
        this.token = platform.user("scaler@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"scaly\"}").status()).isEqualTo(201);
        Deploys.deploy(api, token, "scaly", "abcdef0", "img:1");
    }

    @Test
    void the_first_deploy_runs_one_web_and_no_other_process() {
        var formation = quantities();

        assertThat(formation).isEqualTo(Map.of("web", 1, "worker", 0));
        var web = api.get(token, "/apps/scaly/formation/web").json();
        assertThat(web.get("size").asText()).isEqualTo("standard-1X");
        assertThat(web.get("command").asText()).isEqualTo("npm start");
        assertThat(web.get("app").get("name").asText()).isEqualTo("scaly");
    }

    @Test
    void a_batch_update_scales_several_types_and_makes_no_release() {
        var scaled = api.patch(token, "/apps/scaly/formation",
                "{\"updates\":[{\"type\":\"web\",\"quantity\":3},{\"type\":\"worker\",\"quantity\":2,"
                        + "\"size\":\"Standard-2x\"}]}");

        assertThat(scaled.status()).isEqualTo(200);
        assertThat(quantities()).isEqualTo(Map.of("web", 3, "worker", 2));
        assertThat(api.get(token, "/apps/scaly/formation/worker").json().get("size").asText())
                .isEqualTo("standard-2X");
        assertThat(api.get(token, "/apps/scaly/releases").json()).hasSize(2);
    }

    @Test
    void a_single_type_is_scaled_by_its_path() {
        var scaled = api.patch(token, "/apps/scaly/formation/worker", "{\"quantity\":4}");

        assertThat(scaled.status()).isEqualTo(200);
        assertThat(scaled.json().get("quantity").asInt()).isEqualTo(4);
        assertThat(quantities()).isEqualTo(Map.of("web", 1, "worker", 4));
    }

    @Test
    void scaling_an_unknown_type_returns_422_listing_the_known_types() {
        var refused = api.patch(token, "/apps/scaly/formation/clock", "{\"quantity\":1}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("'clock'").contains("Known process types: web, worker");
        assertThat(api.get(token, "/apps/scaly/formation/clock").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"quantity\":-1}", "{\"quantity\":101}", "{\"quantity\":1000000}",
            "{\"size\":\"huge\"}", "{}"})
    void bad_quantities_and_sizes_return_422_and_change_nothing(String body) {
        var refused = api.patch(token, "/apps/scaly/formation/web", body);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(quantities()).isEqualTo(Map.of("web", 1, "worker", 0));
    }

    @Test
    void wrong_types_return_400() {
        assertThat(api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":\"two\"}").status()).isEqualTo(400);
        assertThat(api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":1.5}").status()).isEqualTo(400);
        assertThat(api.patch(token, "/apps/scaly/formation", "{\"updates\":{}}").status()).isEqualTo(400);
    }

    @Test
    void a_batch_with_one_bad_entry_changes_nothing() {
        var refused = api.patch(token, "/apps/scaly/formation",
                "{\"updates\":[{\"type\":\"web\",\"quantity\":5},{\"type\":\"worker\",\"quantity\":-2}]}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(quantities()).isEqualTo(Map.of("web", 1, "worker", 0));
        var duplicate = api.patch(token, "/apps/scaly/formation",
                "{\"updates\":[{\"type\":\"web\",\"quantity\":5},{\"type\":\"web\",\"quantity\":2}]}");
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.message()).contains("twice");
        assertThat(api.patch(token, "/apps/scaly/formation", "{\"updates\":[]}").status()).isEqualTo(422);
        assertThat(quantities()).isEqualTo(Map.of("web", 1, "worker", 0));
    }

    @Test
    void an_app_without_a_deploy_has_no_process_types_to_scale(TestPlatform platform) {
        api.post(token, "/apps", "{\"name\":\"fresh\"}");

        var refused = api.patch(token, "/apps/fresh/formation/web", "{\"quantity\":1}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("Deploy a build first");
        assertThat(api.get(token, "/apps/fresh/formation").json()).isEmpty();
    }

    @Test
    void a_redeploy_keeps_the_scale_and_a_new_type_starts_at_zero() {
        api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":0}");
        String build = Deploys.succeededBuild(api, token, "scaly", "1234567", "img:2",
                "{\"web\":\"npm start\",\"worker\":\"node worker.js\",\"clock\":\"node clock.js\"}");
        api.post(token, "/apps/scaly/releases", "{\"build\":\"" + build + "\"}");

        assertThat(quantities()).isEqualTo(Map.of("web", 0, "worker", 0, "clock", 0));
    }

    private Map<String, Integer> quantities() {
        var result = new HashMap<String, Integer>();
        for (JsonNode f : api.get(token, "/apps/scaly/formation").json()) {
            result.put(f.get("type").asText(), f.get("quantity").asInt());
        }
        return result;
    }
}
