package dev.paas.api.feature;

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
class FeaturesApiTest {
    private Api api;
    private String owner;
    private String agent;

    @BeforeEach
    void anAppWithAWebProcessPlacedOnAnAgent(TestPlatform platform, Api api) {
        this.api = api;
        owner = platform.admin("owner@example.com");
        agent = api.post(owner, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
        assertThat(api.post(owner, "/apps", "{\"name\":\"labbed\"}").status()).isEqualTo(201);
        Deploys.deploy(api, owner, "labbed", "abcdef0", "img:1");
    }

    @Test
    void an_app_lists_log_runtime_metrics_off_until_it_is_enabled() {
        var list = api.get(owner, "/apps/labbed/features");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).singleElement().satisfies(f -> {
            assertThat(f.get("name").asText()).isEqualTo("log-runtime-metrics");
            assertThat(f.get("enabled").asBoolean()).isFalse();
            assertThat(f.get("description").asText()).contains("memory");
        });
        assertThat(api.get(owner, "/apps/labbed/features/log-runtime-metrics").json().get("enabled").asBoolean())
                .isFalse();
        assertThat(slots()).extracting(s -> s.path("runtime_metrics").asBoolean()).containsOnly(false);
    }

    @Test
    void enabling_reaches_the_agents_slots_and_disabling_takes_it_back() {
        var on = api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":true}");

        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().get("enabled").asBoolean()).isTrue();
        assertThat(api.get(owner, "/apps/labbed/features").json().get(0).get("enabled").asBoolean()).isTrue();
        assertThat(slots()).extracting(s -> s.get("runtime_metrics").asBoolean()).containsOnly(true);
        assertThat(api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":true}").status())
                .as("enabling twice is no error").isEqualTo(200);

        var off = api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":false}");

        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(slots()).extracting(s -> s.get("runtime_metrics").asBoolean()).containsOnly(false);
    }

    @Test
    void a_change_is_announced_as_an_event_so_agents_wake(TestPlatform platform) throws Exception {
        api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":true}");
        api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":true}");
        api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":false}");

        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from events where kind = 'app-feature.updated'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("one per change, none for a no-op").isEqualTo(2);
        }
    }

    @Test
    void an_unknown_feature_is_a_404_that_names_the_features_there_are() {
        var show = api.get(owner, "/apps/labbed/features/preboot");
        var patch = api.patch(owner, "/apps/labbed/features/preboot", "{\"enabled\":true}");

        assertThat(show.status()).isEqualTo(404);
        assertThat(show.message()).contains("preboot", "log-runtime-metrics");
        assertThat(patch.status()).isEqualTo(404);
    }

    @Test
    void a_body_without_enabled_is_refused_with_how_to_fix_it() {
        var response = api.patch(owner, "/apps/labbed/features/log-runtime-metrics", "{}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.message()).contains("\"enabled\": true");
    }

    @Test
    void another_users_app_is_not_found(TestPlatform platform) {
        String stranger = platform.user("stranger@example.com");

        assertThat(api.get(stranger, "/apps/labbed/features").status()).isEqualTo(404);
        assertThat(api.patch(stranger, "/apps/labbed/features/log-runtime-metrics", "{\"enabled\":true}").status())
                .isEqualTo(404);
        assertThat(api.get(owner, "/apps/labbed/features").json().get(0).get("enabled").asBoolean()).isFalse();
    }

    private List<JsonNode> slots() {
        var all = new ArrayList<JsonNode>();
        api.get(owner, "/agents/" + agent + "/instances").json().forEach(all::add);
        assertThat(all).isNotEmpty();
        return all;
    }
}
