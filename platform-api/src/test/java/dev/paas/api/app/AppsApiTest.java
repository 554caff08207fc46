package dev.paas.api.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.sql.SQLException;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PlatformExtension.class)
class AppsApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;

    @BeforeEach
    void user(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("owner@example.com");
    }

    @Test
    void creating_a_named_app_returns_it_with_its_urls_and_release_v1() {
        var created = api.post(token, "/apps", "{\"name\":\"shop\"}");

        assertThat(created.status()).isEqualTo(201);
        var app = created.json();
        assertThat(app.get("name").asText()).isEqualTo("shop");
        assertThat(app.get("owner").get("email").asText()).isEqualTo("owner@example.com");
        assertThat(app.get("web_url").asText()).isEqualTo("http://shop.paas.test:8080/");
        assertThat(app.get("git_url").asText()).endsWith("/shop.git");
        assertThat(app.get("released_at").isNull()).isFalse();
        var releases = api.get(token, "/apps/shop/releases").json();
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).get("description").asText()).isEqualTo("Initial release");
    }

    @Test
    void creating_an_app_without_a_name_picks_a_valid_random_one() {
        var created = api.post(token, "/apps", null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).matches("[a-z][a-z0-9-]{2,29}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Shop\"", "\"1shop\"", "\"ab\"", "\"a-very-long-name-that-goes-past-thirty\"",
            "\"my_app\"", "\"my app\"", "\"\"", "\"sec-\"", "\"a--b\"", "\"xn--pple-43d\"", "\"shop-\""})
    void creating_an_app_with_an_invalid_name_returns_422_and_creates_nothing(String name) throws SQLException {
        var refused = api.post(token, "/apps", "{\"name\":" + name + "}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorId()).isEqualTo("invalid_params");
        assertThat(refused.message()).contains("must start with a lowercase letter")
                .contains("end with a letter or digit").contains("^[a-z][a-z0-9-]{1,28}[a-z0-9]$");
        assertThat(count("apps")).isZero();
    }

    @Test
    void a_name_of_the_wrong_type_returns_400_naming_the_field() {
        var refused = api.post(token, "/apps", "{\"name\":5}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("'name'").contains("a string");
    }

    @Test
    void creating_app_with_taken_name_returns_409() throws SQLException {
        assertThat(api.post(token, "/apps", "{\"name\":\"taken\"}").status()).isEqualTo(201);
        String other = platform.user("other@example.com");

        var refused = api.post(other, "/apps", "{\"name\":\"taken\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorId()).isEqualTo("conflict");
        assertThat(count("apps")).isEqualTo(1);
    }

    @Test
    void an_app_is_found_by_name_and_by_id() {
        String id = api.post(token, "/apps", "{\"name\":\"findme\"}").json().get("id").asText();

        assertThat(api.get(token, "/apps/findme").json().get("id").asText()).isEqualTo(id);
        assertThat(api.get(token, "/apps/" + id).json().get("name").asText()).isEqualTo("findme");
        assertThat(api.get(token, "/apps/nosuchapp").status()).isEqualTo(404);
    }

    @Test
    void another_users_app_is_not_found_and_not_listed() {
        api.post(token, "/apps", "{\"name\":\"private\"}");
        String stranger = platform.user("stranger@example.com");

        assertThat(api.get(stranger, "/apps/private").status()).isEqualTo(404);
        assertThat(api.patch(stranger, "/apps/private/config-vars", "{\"A\":\"1\"}").status()).isEqualTo(404);
        assertThat(api.delete(stranger, "/apps/private").status()).isEqualTo(404);
        assertThat(api.get(stranger, "/apps").json()).isEmpty();
        assertThat(api.get(platform.admin("root@example.com"), "/apps/private").status()).isEqualTo(200);
    }

    @Test
    void the_owner_destroys_an_app_its_name_is_free_again_and_its_ledger_stays() throws SQLException {
        api.post(token, "/apps", "{\"name\":\"goner\"}");
        api.patch(token, "/apps/goner/config-vars", "{\"A\":\"1\"}");

        var destroyed = api.delete(token, "/apps/goner");

        assertThat(destroyed.status()).isEqualTo(200);
        assertThat(api.get(token, "/apps/goner").status()).isEqualTo(404);
        assertThat(count("releases")).isEqualTo(2);
        assertThat(count("domains")).isZero();
        assertThat(api.post(token, "/apps", "{\"name\":\"goner\"}").status()).isEqualTo(201);
    }

    @Test
    void a_collaborator_cannot_destroy_the_app() {
        api.post(token, "/apps", "{\"name\":\"shared\"}");
        String helper = platform.user("helper@example.com");
        api.post(token, "/apps/shared/collaborators", "{\"user\":\"helper@example.com\"}");

        var refused = api.delete(helper, "/apps/shared");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorId()).isEqualTo("forbidden");
        assertThat(api.get(token, "/apps/shared").status()).isEqualTo(200);
    }

    @Test
    void the_app_list_pages_with_range_headers() {
        for (String name : new String[] {"alpha", "bravo", "charlie", "delta", "echo"}) {
            api.post(token, "/apps", "{\"name\":\"" + name + "\"}");
        }
        var names = new ArrayList<String>();
        var first = api.get(token, "/apps", "Range", "name ..; max=2");
        assertThat(first.status()).isEqualTo(206);
        first.json().forEach(a -> names.add(a.get("name").asText()));
        String next = first.headers().firstValue("Next-Range").orElseThrow();
        assertThat(next).isEqualTo("name ]bravo..; max=2");

        for (int page = 0; page < 5 && next != null; page++) {
            var response = api.get(token, "/apps", "Range", next);
            response.json().forEach(a -> names.add(a.get("name").asText()));
            next = response.status() == 206 ? response.headers().firstValue("Next-Range").orElseThrow() : null;
        }
        assertThat(names).containsExactly("alpha", "bravo", "charlie", "delta", "echo");

        var descending = api.get(token, "/apps", "Range", "name ..; order=desc, max=1");
        assertThat(descending.json().get(0).get("name").asText()).isEqualTo("echo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "size ..", "name ..; max=0", "name ..; max=5000", "name ..; order=up"})
    void a_malformed_range_returns_400(String range) {
        var refused = api.get(token, "/apps", "Range", range);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("Range");
    }

    private int count(String table) throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "select count(*) from " + table + ("apps".equals(table) ? " where destroyed_at is null" : ""))) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
