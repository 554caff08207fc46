package dev.paas.api.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /apps/{app}/log-drains} as the heroku CLI's {@code drains}, {@code drains:add} and {@code drains:remove} call it. */
@ExtendWith(PlatformExtension.class)
class DrainsApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;
    private String appId;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("drains@example.com");
        appId = api.post(token, "/apps", "{\"name\":\"drained\"}").json().get("id").asText();
    }

    @Test
    void a_drain_is_added_listed_and_shown_in_herokus_shape_with_a_d_token() {
        var added = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog+tls://127.0.0.1:6514\"}");

        assertThat(added.status()).isEqualTo(201);
        var drain = added.json();
        assertThat(drain.get("url").asText()).isEqualTo("syslog+tls://127.0.0.1:6514");
        assertThat(drain.get("token").asText()).matches("d\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(drain.has("addon")).isTrue();
        assertThat(drain.get("addon").isNull()).isTrue();
        assertThat(drain.get("app").get("id").asText()).isEqualTo(appId);
        assertThat(drain.get("app").get("name").asText()).isEqualTo("drained");
        assertThat(drain.get("id").asText()).isNotBlank();
        assertThat(drain.get("created_at").asText()).isNotBlank();
        assertThat(drain.get("updated_at").asText()).isNotBlank();
        var listed = api.get(token, "/apps/drained/log-drains?extended=true");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).get("token").asText()).isEqualTo(drain.get("token").asText());
        assertThat(api.get(token, "/apps/drained/log-drains/" + drain.get("id").asText()).json().get("url").asText())
                .isEqualTo("syslog+tls://127.0.0.1:6514");
    }

    @Test
    void drains_remove_finds_the_drain_by_its_percent_encoded_url_as_the_heroku_cli_sends_it() {
        String url = "https://user:p%40ss@127.0.0.1:9443/drain/path?x=1";
        assertThat(api.post(token, "/apps/drained/log-drains", "{\"url\":\"" + url + "\"}").status()).isEqualTo(201);

        // encodeURIComponent, as drains:remove calls it: ':' '/' '?' '=' '@' '%' all encoded
        var removed = api.delete(token, "/apps/drained/log-drains/" + URLEncoder.encode(url, StandardCharsets.UTF_8));

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("url").asText()).isEqualTo(url);
        assertThat(api.get(token, "/apps/drained/log-drains").json()).isEmpty();
    }

    @Test
    void a_drain_is_removed_by_its_token_or_id_and_then_is_not_found() {
        var byToken = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6001\"}").json();
        var byId = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6002\"}").json();

        assertThat(api.delete(token, "/apps/drained/log-drains/" + byToken.get("token").asText()).status()).isEqualTo(200);
        assertThat(api.delete(token, "/apps/drained/log-drains/" + byId.get("id").asText()).status()).isEqualTo(200);
        var again = api.delete(token, "/apps/drained/log-drains/" + byId.get("id").asText());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.message()).contains("Couldn't find drain").contains("drains -a drained");
    }

    @Test
    void adding_a_url_the_app_already_drains_to_is_422() {
        api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6514\"}");

        var again = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6514\"}");

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.message()).contains("Url has already been taken");
        assertThat(api.get(token, "/apps/drained/log-drains").json()).hasSize(1);
    }

    @Test
    void an_app_has_at_most_five_drains() {
        for (int i = 1; i <= 5; i++) {
            assertThat(api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:600" + i + "\"}")
                    .status()).isEqualTo(201);
        }

        var sixth = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6006\"}");

        assertThat(sixth.status()).isEqualTo(422);
        assertThat(sixth.message()).contains("already has 5 log drains").contains("drains:remove");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1:21", "syslog://127.0.0.1", "syslog://127.0.0.1:6514/path", "https://",
            "not a url", "", "syslog+tls://user:pw@127.0.0.1:6514", "gopher://127.0.0.1:70/"})
    void malformed_drain_urls_are_refused_with_what_is_wrong(String url) {
        var refused = api.post(token, "/apps/drained/log-drains", "{\"url\":\"" + url + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).isNotBlank().doesNotContain("Internal");
        assertThat(api.get(token, "/apps/drained/log-drains").json()).isEmpty();
    }

    @Test
    void drains_to_the_platforms_own_ports_are_refused_even_where_private_addresses_are_allowed() {
        int apiPort = platform.platform().port();
        var toApi = api.post(token, "/apps/drained/log-drains", "{\"url\":\"http://127.0.0.1:" + apiPort + "/apps\"}");
        var toDatabase = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://localhost:"
                + databasePort() + "\"}");

        assertThat(toApi.status()).isEqualTo(422);
        assertThat(toApi.message()).contains("port " + apiPort + " is one of the platform's own services");
        assertThat(toDatabase.status()).isEqualTo(422);
        assertThat(api.get(token, "/apps/drained/log-drains").json()).isEmpty();
    }

    @Test
    void another_user_can_neither_see_nor_add_nor_remove_the_apps_drains() {
        var drain = api.post(token, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6514\"}").json();
        String other = platform.user("other@example.com");

        assertThat(api.get(other, "/apps/drained/log-drains").status()).isEqualTo(404);
        assertThat(api.post(other, "/apps/drained/log-drains", "{\"url\":\"syslog://127.0.0.1:6515\"}").status())
                .isEqualTo(404);
        assertThat(api.delete(other, "/apps/drained/log-drains/" + drain.get("id").asText()).status()).isEqualTo(404);
        assertThat(api.get(token, "/apps/drained/log-drains").json()).hasSize(1);
    }

    private int databasePort() {
        var m = java.util.regex.Pattern.compile(":(\\d+)/[^/]*$").matcher(platform.databaseUrl());
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }
}
