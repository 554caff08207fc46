package dev.paas.api.collaborator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class CollaboratorsApiTest {
    private Api api;
    private String owner;
    private String helper;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.api = api;
        this.owner = platform.user("owner@example.com");
        this.helper = platform.user("helper@example.com");
        platform.user("third@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"team\"}").status()).isEqualTo(201);
    }

    @Test
    void an_added_collaborator_can_use_the_app_until_removed() {
        assertThat(api.get(helper, "/apps/team").status()).isEqualTo(404);

        var added = api.post(owner, "/apps/team/collaborators", "{\"user\":\"Helper@Example.com\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("user").get("email").asText()).isEqualTo("helper@example.com");
        assertThat(api.get(helper, "/apps/team").status()).isEqualTo(200);
        assertThat(api.patch(helper, "/apps/team/config-vars", "{\"BY\":\"helper\"}").status()).isEqualTo(200);
        assertThat(api.get(helper, "/apps").json()).extracting(a -> a.get("name").asText()).containsExactly("team");
        assertThat(api.get(helper, "/apps/team/collaborators").json()).hasSize(1);

        assertThat(api.delete(owner, "/apps/team/collaborators/helper@example.com").status()).isEqualTo(200);
        assertThat(api.get(helper, "/apps/team").status()).isEqualTo(404);
    }

    @Test
    void only_the_owner_manages_collaborators() {
        api.post(owner, "/apps/team/collaborators", "{\"user\":\"helper@example.com\"}");

        var refused = api.post(helper, "/apps/team/collaborators", "{\"user\":\"third@example.com\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.delete(helper, "/apps/team/collaborators/helper@example.com").status()).isEqualTo(403);
        assertThat(api.get(owner, "/apps/team/collaborators").json()).hasSize(1);
    }

    @Test
    void unknown_users_duplicates_and_the_owner_are_refused() {
        assertThat(api.post(owner, "/apps/team/collaborators", "{\"user\":\"nobody@example.com\"}").status())
                .isEqualTo(404);
        assertThat(api.post(owner, "/apps/team/collaborators", "{\"user\":\"owner@example.com\"}").status())
                .isEqualTo(422);
        assertThat(api.post(owner, "/apps/team/collaborators", "{}").status()).isEqualTo(422);
        assertThat(api.post(owner, "/apps/team/collaborators", "{\"user\":\"helper@example.com\"}").status())
                .isEqualTo(201);
        assertThat(api.post(owner, "/apps/team/collaborators", "{\"user\":\"helper@example.com\"}").status())
                .isEqualTo(409);
        assertThat(api.delete(owner, "/apps/team/collaborators/third@example.com").status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/team/collaborators").json()).hasSize(1);
    }
}
