package dev.paas.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API serves tokens and apps from a cache: every change made through this process is seen by the
 * very next request, whoever asks. Each test reads twice first, so that the second read came from the
 * cache, then changes, then reads once.
 */
@ExtendWith(PlatformExtension.class)
class CachedReadsTest {
    private TestPlatform platform;
    private Api api;
    private String owner;

    @BeforeEach
    void owner(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.owner = platform.user("owner@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"cached\"}").status()).isEqualTo(201);
    }

    @Test
    void a_revoked_token_is_refused_on_the_very_next_request() {
        var created = api.post(owner, "/oauth/authorizations", "{\"description\":\"ci\"}").json();
        String ci = created.get("access_token").get("token").asText();
        readTwice(ci, "/apps/cached", 200);

        assertThat(api.delete(owner, "/oauth/authorizations/" + created.get("id").asText()).status()).isEqualTo(200);

        assertThat(api.get(ci, "/apps/cached").status()).isEqualTo(401);
    }

    @Test
    void a_token_revoked_by_itself_is_refused_on_the_very_next_request() {
        String laptop = api.post(owner, "/oauth/authorizations", "{}").json().get("access_token").get("token")
                .asText();
        readTwice(laptop, "/account", 200);

        assertThat(api.delete(laptop, "/oauth/authorizations/~").status()).isEqualTo(200);

        assertThat(api.get(laptop, "/account").status()).isEqualTo(401);
    }

    @Test
    void an_expired_token_is_refused_on_the_first_request_after_its_expiry() throws InterruptedException {
        Instant before = Instant.now();
        String shortLived = api.post(owner, "/oauth/authorizations", "{\"expires_in\":1}").json()
                .get("access_token").get("token").asText();
        Instant expiredBy = Instant.now().plusSeconds(1).plusMillis(50);
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(1));
        readTwice(shortLived, "/apps/cached", 200);

        // The condition is the clock itself: nothing changes in the database when a token expires.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiredBy).toMillis()));

        assertThat(api.get(shortLived, "/apps/cached").status()).isEqualTo(401);
    }

    @Test
    void a_removed_collaborator_loses_access_on_the_very_next_request() {
        String helper = platform.user("helper@example.com");
        assertThat(api.post(owner, "/apps/cached/collaborators", "{\"user\":\"helper@example.com\"}").status())
                .isEqualTo(201);
        readTwice(helper, "/apps/cached", 200);

        assertThat(api.delete(owner, "/apps/cached/collaborators/helper@example.com").status()).isEqualTo(200);

        assertThat(api.get(helper, "/apps/cached").status()).isEqualTo(404);
    }

    @Test
    void an_added_collaborator_gains_access_on_the_very_next_request() {
        String helper = platform.user("helper@example.com");
        readTwice(helper, "/apps/cached", 404);

        api.post(owner, "/apps/cached/collaborators", "{\"user\":\"helper@example.com\"}");

        assertThat(api.get(helper, "/apps/cached").status()).isEqualTo(200);
    }

    @Test
    void a_renamed_app_is_not_served_under_its_old_name_nor_with_it() {
        String id = readTwice(owner, "/apps/cached", 200).json().get("id").asText();
        readTwice(owner, "/apps/" + id, 200);

        assertThat(api.patch(owner, "/apps/cached", "{\"name\":\"renamed\"}").status()).isEqualTo(200);

        assertThat(api.get(owner, "/apps/cached").status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/" + id).json().get("name").asText()).isEqualTo("renamed");
    }

    @Test
    void a_destroyed_app_is_not_served() {
        readTwice(owner, "/apps/cached", 200);

        assertThat(api.delete(owner, "/apps/cached").status()).isEqualTo(200);

        assertThat(api.get(owner, "/apps/cached").status()).isEqualTo(404);
    }

    @Test
    void a_new_release_shows_in_the_app_at_once() {
        String releasedAt = readTwice(owner, "/apps/cached", 200).json().get("released_at").asText();

        assertThat(api.patch(owner, "/apps/cached/config-vars", "{\"A\":\"1\"}").status()).isEqualTo(200);

        assertThat(api.get(owner, "/apps/cached").json().get("released_at").asText()).isNotEqualTo(releasedAt);
    }

    @Test
    void another_user_never_gets_an_app_cached_for_its_owner() {
        String stranger = platform.user("stranger@example.com");
        readTwice(owner, "/apps/cached", 200);

        assertThat(api.get(stranger, "/apps/cached").status()).isEqualTo(404);
    }

    private Api.Response readTwice(String token, String path, int status) {
        assertThat(api.get(token, path).status()).isEqualTo(status);
        var second = api.get(token, path);
        assertThat(second.status()).isEqualTo(status);
        return second;
    }
}
