package dev.paas.api.domain;

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
class DomainsApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("dns@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"site\"}").status()).isEqualTo(201);
    }

    @Test
    void every_app_has_its_default_hostname() {
        var domains = api.get(token, "/apps/site/domains").json();

        assertThat(domains).hasSize(1);
        assertThat(domains.get(0).get("hostname").asText()).isEqualTo("site.paas.test");
        assertThat(domains.get(0).get("kind").asText()).isEqualTo("heroku");
    }

    @Test
    void a_custom_domain_is_added_normalized_with_its_cname_target_and_removed() {
        var added = api.post(token, "/apps/site/domains", "{\"hostname\":\"WWW.Example.COM\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("hostname").asText()).isEqualTo("www.example.com");
        assertThat(added.json().get("kind").asText()).isEqualTo("custom");
        assertThat(added.json().get("cname").asText()).isEqualTo("site.paas.test");
        assertThat(api.get(token, "/apps/site/domains/www.example.com").status()).isEqualTo(200);

        assertThat(api.delete(token, "/apps/site/domains/www.example.com").status()).isEqualTo(200);
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(1);
        assertThat(api.delete(token, "/apps/site/domains/www.example.com").status()).isEqualTo(404);
    }

    @Test
    void a_wildcard_domain_is_refused_because_the_router_matches_exact_hostnames_only() {
        var refused = api.post(token, "/apps/site/domains", "{\"hostname\":\"*.example.org\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("Wildcard domains").contains("exact hostnames");
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.1", "127.1", "0x7f.1", "0x7f.0x0.0x0.0x1",
            "2130706433", "0177.0.0.1", "foo.127.0.0.1", "a.0x7f", "::1", "[::1]", "fe80::1", "::ffff:127.0.0.1",
            "127.0.0.1:8080"})
    void ip_addresses_in_any_form_are_refused(String hostname) {
        var refused = api.post(token, "/apps/site/domains", "{\"hostname\":\"" + hostname + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("IP address");
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"paas.test", "newapp.paas.test", "x.rival.paas.test", "deep.x.rival.paas.test",
            "Site-Copy.PAAS.test", "x.notsite.paas.test"})
    void names_under_the_platform_domain_that_are_not_below_the_apps_own_hostname_are_refused(String hostname) {
        String other = platform.user("squatter@example.com");
        api.post(other, "/apps", "{\"name\":\"squat\"}");
        api.post(token, "/apps", "{\"name\":\"rival\"}");

        var refused = api.post(other, "/apps/squat/domains", "{\"hostname\":\"" + hostname + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("under paas.test").contains("www.squat.paas.test");
        assertThat(api.get(other, "/apps/squat/domains").json()).hasSize(1);
    }

    @Test
    void a_squatted_future_app_name_stays_free_to_create() {
        String other = platform.user("squatter@example.com");
        api.post(other, "/apps", "{\"name\":\"squat\"}");

        assertThat(api.post(other, "/apps/squat/domains", "{\"hostname\":\"newapp.paas.test\"}").status())
                .isEqualTo(422);

        assertThat(api.post(token, "/apps", "{\"name\":\"newapp\"}").status()).isEqualTo(201);
    }

    @Test
    void names_below_the_apps_own_hostname_are_allowed() {
        var added = api.post(token, "/apps/site/domains", "{\"hostname\":\"www.site.paas.test\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(2);
    }

    @Test
    void creating_an_app_whose_hostname_is_a_custom_domain_already_is_refused_and_creates_nothing()
            throws java.sql.SQLException {
        // A row as a squatter could leave it before custom domains under the platform domain were refused.
        try (var c = platform.connect(); var s = c.createStatement()) {
            s.execute("insert into domains (id, app_id, hostname, kind) select gen_random_uuid(), id, "
                    + "'taken.paas.test', 'custom' from apps where name = 'site'");
        }

        var refused = api.post(token, "/apps", "{\"name\":\"taken\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("taken.paas.test");
        assertThat(api.get(token, "/apps").json()).extracting(a -> a.get("name").asText()).containsExactly("site");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "exa mple.com", "-bad.example.com", "bad-.example.com", "a..b.com",
            "under_score.com", "*.*.example.com", "www.*.example.com", "\"\""})
    void invalid_hostnames_return_422_and_add_nothing(String hostname) {
        String value = hostname.startsWith("\"") ? "" : hostname;
        var refused = api.post(token, "/apps/site/domains", "{\"hostname\":\"" + value + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(1);
    }

    @Test
    void a_hostname_belongs_to_one_app_only() {
        api.post(token, "/apps/site/domains", "{\"hostname\":\"shop.example.com\"}");
        String other = platform.user("rival@example.com");
        api.post(other, "/apps", "{\"name\":\"rival\"}");

        var refused = api.post(other, "/apps/rival/domains", "{\"hostname\":\"shop.example.com\"}");
        var defaultTaken = api.post(other, "/apps/rival/domains", "{\"hostname\":\"site.paas.test\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(defaultTaken.status()).isEqualTo(422);
        assertThat(defaultTaken.message()).contains("under paas.test");
        assertThat(api.get(other, "/apps/rival/domains").json()).hasSize(1);
    }

    @Test
    void the_default_hostname_cannot_be_removed() {
        var refused = api.delete(token, "/apps/site/domains/site.paas.test");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("default hostname");
        assertThat(api.get(token, "/apps/site/domains").json()).hasSize(1);
    }
}
