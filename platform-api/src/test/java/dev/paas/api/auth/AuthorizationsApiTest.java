package dev.paas.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PlatformExtension.class)
class AuthorizationsApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;

    @BeforeEach
    void user(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("tokens@example.com");
    }

    @Test
    void the_token_made_with_the_account_is_listed_as_an_authorization_without_its_secret() {
        var list = api.get(token, "/oauth/authorizations");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("description").asText()).isEqualTo("created with the account");
        assertThat(list.json().get(0).get("access_token").get("token").isNull()).isTrue();
        assertThat(list.json().get(0).get("access_token").get("expires_in").isNull()).isTrue();
        assertThat(list.json().get(0).get("user").get("email").asText()).isEqualTo("tokens@example.com");
        assertThat(list.body()).doesNotContain(token);
    }

    @Test
    void a_created_token_is_shown_once_works_and_after_revocation_gets_401_everywhere() {
        var created = api.post(token, "/oauth/authorizations", "{\"description\":\"ci\",\"expires_in\":3600}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String fresh = created.json().get("access_token").get("token").asText();
        assertThat(fresh).startsWith("paas_");
        assertThat(created.json().get("access_token").get("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(api.post(fresh, "/apps", "{\"name\":\"mine\"}").status()).isEqualTo(201);
        var shown = api.get(token, "/oauth/authorizations/" + id);
        assertThat(shown.json().get("description").asText()).isEqualTo("ci");
        assertThat(shown.json().get("access_token").get("token").isNull()).isTrue();

        assertThat(api.delete(token, "/oauth/authorizations/" + id).status()).isEqualTo(200);

        var refused = api.get(fresh, "/apps/mine");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.message()).contains("revoked or expired");
        // the builder decides git pushes by asking the API with the pusher's token
        var builderView = catchThrowableOfType(ApiException.class,
                () -> new PlatformClient(URI.create(platform.baseUrl()), fresh).app("mine"));
        assertThat(builderView.status()).isEqualTo(401);
        assertThat(api.get(token, "/oauth/authorizations/" + id).status()).isEqualTo(404);
        assertThat(api.get(token, "/oauth/authorizations").json()).hasSize(1);
    }

    @Test
    void an_expired_token_gets_401() throws InterruptedException {
        String shortLived = api.post(token, "/oauth/authorizations", "{\"expires_in\":1}").json()
                .get("access_token").get("token").asText();
        assertThat(api.get(shortLived, "/account").status()).isEqualTo(200);

        assertThat(awaitStatus(shortLived, "/account", 401, Duration.ofSeconds(10))).isEqualTo(401);
        assertThat(api.get(shortLived, "/apps").status()).isEqualTo(401);
    }

    @Test
    void tilde_names_the_token_of_the_request_itself() {
        var created = api.post(token, "/oauth/authorizations", "{\"description\":\"laptop\"}").json();
        String laptop = created.get("access_token").get("token").asText();

        assertThat(api.get(laptop, "/oauth/authorizations/~").json().get("id").asText())
                .isEqualTo(created.get("id").asText());
        assertThat(api.delete(laptop, "/oauth/authorizations/~").status()).isEqualTo(200);

        assertThat(api.get(laptop, "/account").status()).isEqualTo(401);
        assertThat(api.get(token, "/account").status()).isEqualTo(200);
    }

    @Test
    void a_user_sees_and_revokes_only_their_own_authorizations() {
        String other = platform.user("other@example.com");
        String othersId = api.get(other, "/oauth/authorizations").json().get(0).get("id").asText();

        assertThat(api.get(token, "/oauth/authorizations/" + othersId).status()).isEqualTo(404);
        assertThat(api.delete(token, "/oauth/authorizations/" + othersId).status()).isEqualTo(404);
        assertThat(api.get(token, "/oauth/authorizations").body()).doesNotContain(othersId);
        assertThat(api.get(other, "/account").status()).isEqualTo(200);
        assertThat(api.get(token, "/oauth/authorizations/not-an-id").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"expires_in\":0}", "{\"expires_in\":-5}", "{\"expires_in\":999999999999}"})
    void an_expiry_out_of_range_is_refused_with_422(String body) {
        var refused = api.post(token, "/oauth/authorizations", body);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("'expires_in' must be a number of seconds");
        assertThat(api.get(token, "/oauth/authorizations").json()).hasSize(1);
    }

    @Test
    void an_expiry_of_the_wrong_type_is_refused_with_400() {
        assertThat(api.post(token, "/oauth/authorizations", "{\"expires_in\":\"soon\"}").status()).isEqualTo(400);
    }

    private int awaitStatus(String bearer, String path, int wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = api.get(bearer, path).status();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = api.get(bearer, path).status();
        }
        return status;
    }
}
