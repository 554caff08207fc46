package dev.paas.api.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The app endpoints the heroku CLI calls beyond the basics: apps, apps:info, apps:rename, domains:add. */
@ExtendWith(PlatformExtension.class)
class HerokuClientAppsApiTest {
    private Api api;
    private String owner;
    private String helper;
    private String stranger;
    private String admin;

    @BeforeEach
    void users(TestPlatform platform, Api api) {
        this.api = api;
        owner = platform.user("owner@example.com");
        helper = platform.user("helper@example.com");
        stranger = platform.user("stranger@example.com");
        admin = platform.admin("root@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        assertThat(api.post(helper, "/apps", "{\"name\":\"tools\"}").status()).isEqualTo(201);
        assertThat(api.post(admin, "/apps", "{\"name\":\"infra\"}").status()).isEqualTo(201);
        assertThat(api.post(helper, "/apps/tools/collaborators", "{\"user\":\"owner@example.com\"}").status())
                .isEqualTo(201);
    }

    @Test
    void users_tilde_apps_lists_own_and_shared_apps_even_for_an_admin() {
        assertThat(names(api.get(owner, "/users/~/apps").json())).containsExactly("shop", "tools");
        assertThat(names(api.get(owner, "/users/owner@example.com/apps").json())).containsExactly("shop", "tools");
        assertThat(names(api.get(stranger, "/users/~/apps").json())).isEmpty();
        assertThat(names(api.get(admin, "/users/~/apps").json())).containsExactly("infra");
        assertThat(names(api.get(admin, "/apps").json())).containsExactly("infra", "shop", "tools");
    }

    @Test
    void another_users_app_list_is_not_found() {
        var refused = api.get(stranger, "/users/owner@example.com/apps");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.message()).contains("~");
        assertThat(api.get(null, "/users/~/apps").status()).isEqualTo(401);
    }

    @Test
    void an_app_says_region_stack_and_create_status_as_heroku_clients_read_them() {
        JsonNode app = api.get(owner, "/apps/shop").json();

        assertThat(app.get("region").get("name").asText()).isEqualTo("local");
        assertThat(app.get("stack").get("name").asText()).isEqualTo("container");
        assertThat(app.get("build_stack").get("name").asText()).isEqualTo("container");
        assertThat(app.get("create_status").asText()).isEqualTo("complete");
        assertThat(app.has("repo_size")).isTrue();
        assertThat(app.has("slug_size")).isTrue();
    }

    @Test
    void addons_and_sni_endpoints_are_empty_and_pipeline_coupling_is_not_found_for_a_visible_app() {
        assertThat(api.get(owner, "/apps/shop/addons").json()).isEmpty();
        assertThat(api.get(owner, "/apps/tools/addons").status()).isEqualTo(200);
        assertThat(api.get(owner, "/apps/shop/sni-endpoints").json()).isEmpty();
        var coupling = api.get(owner, "/apps/shop/pipeline-couplings");
        assertThat(coupling.status()).isEqualTo(404);
        assertThat(coupling.message()).contains("not in a pipeline");
    }

    @Test
    void another_user_gets_404_from_the_compatibility_endpoints_of_an_app_they_cannot_see() {
        for (String path : new String[] {"/apps/shop/addons", "/apps/shop/sni-endpoints", "/apps/shop/pipeline-couplings"}) {
            var refused = api.get(stranger, path);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.message()).as(path).contains("Couldn't find that app");
        }
        assertThat(api.patch(stranger, "/apps/shop", "{\"name\":\"stolen\"}").status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/shop").status()).isEqualTo(200);
    }

    @Test
    void renaming_moves_the_default_hostname_and_frees_the_old_name() {
        var renamed = api.patch(owner, "/apps/shop", "{\"name\":\"store\"}");

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("store");
        assertThat(renamed.json().get("web_url").asText()).isEqualTo("http://store.paas.test:8080/");
        assertThat(api.get(owner, "/apps/shop").status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/store/domains").json()).extracting(d -> d.get("hostname").asText())
                .containsExactly("store.paas.test");
        assertThat(api.get(admin, "/routes").json().get("routes")).anySatisfy(route -> {
            assertThat(route.get("app").asText()).isEqualTo("store");
            assertThat(route.get("hostnames")).extracting(JsonNode::asText).containsExactly("store.paas.test");
        });
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
    }

    @Test
    void renaming_to_a_taken_or_invalid_name_or_by_a_collaborator_is_refused() {
        var taken = api.patch(owner, "/apps/shop", "{\"name\":\"tools\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.message()).contains("already taken");
        assertThat(api.patch(owner, "/apps/shop", "{\"name\":\"Bad_Name\"}").status()).isEqualTo(422);
        assertThat(api.patch(owner, "/apps/shop", "{}").status()).isEqualTo(422);
        var byCollaborator = api.patch(owner, "/apps/tools", "{\"name\":\"mine\"}");
        assertThat(byCollaborator.status()).isEqualTo(403);
        assertThat(names(api.get(admin, "/apps").json())).containsExactly("infra", "shop", "tools");
    }

    private static java.util.List<String> names(JsonNode apps) {
        var names = new java.util.ArrayList<String>();
        apps.forEach(a -> names.add(a.get("name").asText()));
        return names;
    }
}
