package dev.paas.api.configvar;

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
class ConfigVarsApiTest {
    private Api api;
    private String token;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.api = api;
        this.token = platform.user("config@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"conf\"}").status()).isEqualTo(201);
    }

    @Test
    void setting_several_vars_makes_one_release_and_values_round_trip_exactly() {
        var set = api.patch(token, "/apps/conf/config-vars",
                "{\"URL\":\"postgres://u:p@h/db?a=b\",\"MULTI\":\"one\\ntwo\",\"UNI\":\"h\u00e9llo \u2603\"}");

        assertThat(set.status()).isEqualTo(200);
        var config = api.get(token, "/apps/conf/config-vars").json();
        assertThat(config.get("URL").asText()).isEqualTo("postgres://u:p@h/db?a=b");
        assertThat(config.get("MULTI").asText()).isEqualTo("one\ntwo");
        assertThat(config.get("UNI").asText()).isEqualTo("h\u00e9llo \u2603");
        var releases = api.get(token, "/apps/conf/releases").json();
        assertThat(releases).hasSize(2);
        assertThat(releases.get(1).get("description").asText()).isEqualTo("Set URL, MULTI, UNI config vars");
    }

    @Test
    void null_unsets_a_var_in_a_new_release_and_old_releases_keep_their_config() {
        api.patch(token, "/apps/conf/config-vars", "{\"A\":\"1\",\"B\":\"2\"}");

        var unset = api.patch(token, "/apps/conf/config-vars", "{\"A\":null}");

        assertThat(unset.json().has("A")).isFalse();
        assertThat(unset.json().get("B").asText()).isEqualTo("2");
        assertThat(api.get(token, "/apps/conf/releases/v3").json().get("description").asText())
                .isEqualTo("Remove A config vars");
        assertThat(api.get(token, "/apps/conf/releases/v2/config-vars").json().get("A").asText()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"1X\":\"v\"}", "{\"A-B\":\"v\"}", "{\"\":\"v\"}", "{\"A\":5}", "{\"A\":true}",
            "{\"A\":{\"b\":1}}", "{\"A\":[\"x\"]}", "{}", "{\"A\":\"nul\\u0000byte\"}"})
    void invalid_names_or_values_return_422_and_change_nothing(String body) {
        var refused = api.patch(token, "/apps/conf/config-vars", body);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorId()).isEqualTo("invalid_params");
        assertThat(refused.message()).isNotBlank();
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"A\":", "not json", "[\"A\"]", "\"A\""})
    void malformed_bodies_return_400_and_change_nothing(String body) {
        var refused = api.patch(token, "/apps/conf/config-vars", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorId()).isEqualTo("bad_request");
        assertUnchanged();
    }

    @Test
    void an_oversized_body_returns_413_and_changes_nothing() {
        String big = "{\"BIG\":\"" + "x".repeat(70_000) + "\"}";

        var refused = api.patch(token, "/apps/conf/config-vars", big);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorId()).isEqualTo("request_entity_too_large");
        assertUnchanged();
    }

    @Test
    void a_config_larger_than_the_limit_in_total_returns_422() {
        for (int i = 0; i < 2; i++) {
            assertThat(api.patch(token, "/apps/conf/config-vars",
                    "{\"PART" + i + "\":\"" + "y".repeat(30_000) + "\"}").status()).isEqualTo(200);
        }

        var refused = api.patch(token, "/apps/conf/config-vars", "{\"PART2\":\"" + "y".repeat(30_000) + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("limit");
        assertThat(api.get(token, "/apps/conf/releases").json()).hasSize(3);
    }

    private void assertUnchanged() {
        assertThat(api.get(token, "/apps/conf/releases").json()).hasSize(1);
        assertThat(api.get(token, "/apps/conf/config-vars").json()).isEmpty();
    }
}
