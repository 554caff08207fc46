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
    void a_wildcard_domain_is_accepted() {
        assertThat(api.post(token, "/apps/site/domains", "{\"hostname\":\"*.example.org\"}").status()).isEqualTo(201);
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
        assertThat(defaultTaken.status()).isEqualTo(409);
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
