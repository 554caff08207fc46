package dev.paas.api.configvar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PlatformExtension.class)
class ConfigNoOpApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("noop@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"still\"}").status()).isEqualTo(201);
        assertThat(api.patch(token, "/apps/still/config-vars", "{\"A\":\"1\"}").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"A\":\"1\"}", "{\"MISSING\":null}", "{\"A\":\"1\",\"MISSING\":null}"})
    void a_change_that_changes_nothing_makes_no_release_and_no_event(String body) throws SQLException {
        long events = count("events");

        var unchanged = api.patch(token, "/apps/still/config-vars", body);

        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.json().get("A").asText()).isEqualTo("1");
        assertThat(unchanged.json().size()).isEqualTo(1);
        assertThat(api.get(token, "/apps/still/releases").json()).hasSize(2);
        assertThat(count("events")).isEqualTo(events);
    }

    @Test
    void a_partly_effective_change_releases_and_describes_only_what_changed() {
        var changed = api.patch(token, "/apps/still/config-vars", "{\"A\":\"1\",\"B\":\"2\",\"MISSING\":null}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get(token, "/apps/still/releases/v3").json().get("description").asText())
                .isEqualTo("Set B config vars");
    }

    @Test
    void a_body_without_a_json_content_type_is_refused_with_415_and_changes_nothing() {
        var text = api.patch(token, "/apps/still/config-vars", "{\"A\":\"2\"}", "Content-Type", "text/plain");
        var form = api.patch(token, "/apps/still/config-vars", "{\"A\":\"2\"}", "Content-Type",
                "application/x-www-form-urlencoded");
        var charset = api.patch(token, "/apps/still/config-vars", "{\"B\":\"2\"}", "Content-Type",
                "application/json; charset=utf-8");

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.errorId()).isEqualTo("unsupported_media_type");
        assertThat(text.message()).contains("Content-Type: application/json").contains("text/plain");
        assertThat(form.status()).isEqualTo(415);
        assertThat(charset.status()).isEqualTo(200);
        assertThat(api.get(token, "/apps/still/config-vars").json().get("A").asText()).isEqualTo("1");
    }

    @Test
    void every_json_body_endpoint_takes_the_same_rule() {
        var app = api.post(token, "/apps", "{\"name\":\"other\"}", "Content-Type", "text/plain");
        var domain = api.post(token, "/apps/still/domains", "{\"hostname\":\"www.example.com\"}",
                "Content-Type", "text/plain");
        var authorization = api.post(token, "/oauth/authorizations", "{\"description\":\"x\"}",
                "Content-Type", "multipart/form-data");

        assertThat(app.status()).isEqualTo(415);
        assertThat(domain.status()).isEqualTo(415);
        assertThat(authorization.status()).isEqualTo(415);
        assertThat(api.get(token, "/apps").json()).hasSize(1);
    }

    private long count(String table) throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement();
             var r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
