package dev.paas.api.formation;

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

/** Scaling as the heroku CLI's ps:scale asks for it: quantities as strings, absolute or relative. */
@ExtendWith(PlatformExtension.class)
class HerokuScaleApiTest {
    private Api api;
    private String token;

    @BeforeEach
    void deployedApp(TestPlatform platform, Api api) {
        this.api = api;
        token = platform.user("scaler@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"scaly\"}").status()).isEqualTo(201);
        Deploys.deploy(api, token, "scaly", "abcdef0", "img:1");
    }

    @Test
    void a_string_quantity_scales_to_that_number() {
        var scaled = api.patch(token, "/apps/scaly/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":\"3\"}]}");

        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        assertThat(quantities()).containsEntry("web", 3);
    }

    @Test
    void plus_and_minus_quantities_count_from_the_quantity_now() {
        api.patch(token, "/apps/scaly/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":\"+2\"},"
                + "{\"type\":\"worker\",\"quantity\":\"+1\"}]}");
        assertThat(quantities()).isEqualTo(Map.of("web", 3, "worker", 1));

        api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":\"-1\"}");
        assertThat(quantities()).isEqualTo(Map.of("web", 2, "worker", 1));
    }

    @Test
    void a_relative_quantity_below_zero_or_a_malformed_one_is_refused_and_changes_nothing() {
        var below = api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":\"-5\"}");
        assertThat(below.status()).isEqualTo(422);
        assertThat(below.message()).contains("between 0 and");
        var malformed = api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":\"+x\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).contains("\"+1\"");
        assertThat(api.patch(token, "/apps/scaly/formation/web", "{\"quantity\":1.5}").status()).isEqualTo(400);
        assertThat(quantities()).isEqualTo(Map.of("web", 1, "worker", 0));
    }

    @Test
    void another_user_cannot_scale_the_app(TestPlatform platform) {
        String stranger = platform.user("stranger@example.com");

        assertThat(api.patch(stranger, "/apps/scaly/formation/web", "{\"quantity\":\"+1\"}").status()).isEqualTo(404);
        assertThat(quantities()).containsEntry("web", 1);
    }

    private Map<String, Integer> quantities() {
        var result = new HashMap<String, Integer>();
        api.get(token, "/apps/scaly/formation").json().forEach(f -> result.put(f.get("type").asText(),
                f.get("quantity").asInt()));
        return result;
    }
}
