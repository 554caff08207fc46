package dev.paas.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class AuthApiTest {

    @Test
    void a_request_without_credentials_returns_401_and_says_how_to_authenticate(Api api) {
        var refused = api.get(null, "/apps");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorId()).isEqualTo("unauthorized");
        assertThat(refused.message()).contains("Authorization: Bearer");
    }

    @Test
    void an_unknown_token_returns_401(Api api) {
        assertThat(api.get("paas_not-a-real-token", "/account").status()).isEqualTo(401);
        assertThat(api.get(null, "/account", "Authorization", "Token abc").status()).isEqualTo(401);
    }

    @Test
    void the_scheme_is_read_in_any_case_and_whitespace_around_the_token_is_ignored(TestPlatform platform, Api api) {
        String token = platform.user("spaced@example.com");

        assertThat(api.get(null, "/account", "Authorization", "bearer \t  " + token + "  ").status()).isEqualTo(200);
        assertThat(api.get(null, "/account", "Authorization", "Bearer").status()).isEqualTo(401);
        assertThat(api.get(null, "/account", "Authorization", "Bearer    ").status()).isEqualTo(401);
        assertThat(api.get(null, "/account", "Authorization", "Bearer" + token).status()).isEqualTo(401);
    }

    @Test
    void basic_auth_with_the_token_as_password_works_as_git_sends_it(TestPlatform platform, Api api) {
        String token = platform.user("git@example.com");
        String basic = Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));

        var account = api.get(null, "/account", "Authorization", "Basic " + basic);

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("email").asText()).isEqualTo("git@example.com");
    }

    @Test
    void the_account_is_the_tokens_owner(TestPlatform platform, Api api) {
        String token = platform.user("me@example.com");

        var account = api.get(token, "/account").json();

        assertThat(account.get("email").asText()).isEqualTo("me@example.com");
        assertThat(account.get("admin").asBoolean()).isFalse();
        assertThat(account.get("id").asText()).hasSize(36);
    }

    @Test
    void the_health_check_needs_no_token(Api api) {
        var health = api.get(null, "/healthz");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void tokens_are_stored_hashed_never_in_clear(TestPlatform platform) throws Exception {
        String token = platform.user("hashed@example.com");

        try (var c = platform.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select t::text from api_tokens t join users u on u.id = t.user_id "
                     + "where u.email = 'hashed@example.com'")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString(1)).doesNotContain(token).doesNotContain(token.substring(5));
            }
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void a_second_user_with_the_same_email_is_refused(TestPlatform platform) {
        platform.user("twice@example.com");

        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> platform.user("TWICE@example.com"));

        assertThat(thrown).hasMessageContaining("already exists");
    }

    @Test
    void unknown_routes_get_a_json_404_and_every_response_a_request_id(TestPlatform platform, Api api) {
        String token = platform.user("lost@example.com");

        var missing = api.get(token, "/no/such/route");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorId()).isEqualTo("not_found");
        assertThat(missing.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        String given = "abcdefghijklmnopqrstuvwxyz-0123";
        assertThat(api.get(token, "/account", "X-Request-Id", given).headers().firstValue("X-Request-Id"))
                .contains(given);
    }
}
