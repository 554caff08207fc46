package dev.paas.api.addon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The add-on API against a real control plane, with the agent's side played over HTTP (the real
 * agent and containers are in the runtime-agent module's AddonEndToEndTest).
 */
@ExtendWith(PlatformExtension.class)
class AddonsApiTest {
    private Api api;
    private String admin;
    private String owner;
    private String agentId;

    @BeforeEach
    void appAndAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        this.owner = platform.user("owner@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        var agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        agentId = agent.json().get("id").asText();
    }

    @Test
    void creating_a_postgres_add_on_provisions_it_on_the_agent_without_a_release_yet() {
        var created = api.post(owner, "/apps/shop/addons", "{\"plan\":\"heroku-postgresql:essential-1\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode addon = created.json();
        assertThat(addon.get("state").asText()).isEqualTo("provisioning");
        assertThat(addon.get("name").asText()).matches("postgresql-[a-z]+-\\d{5}");
        assertThat(addon.at("/addon_service/name").asText()).isEqualTo("heroku-postgresql");
        assertThat(addon.at("/plan/name").asText()).isEqualTo("heroku-postgresql:essential-1");
        assertThat(addon.at("/app/name").asText()).isEqualTo("shop");
        assertThat(addon.get("config_vars")).extracting(JsonNode::asText).containsExactly("DATABASE_URL");
        assertThat(config("shop").has("DATABASE_URL")).isFalse();
        var desired = api.get(admin, "/agents/" + agentId + "/addons").json();
        assertThat(desired).hasSize(1);
        assertThat(desired.get(0).get("memory_mb").asInt()).isEqualTo(512);
        assertThat(desired.get(0).get("password").asText()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void the_agents_ready_report_provisions_it_and_releases_database_url() {
        String name = create("shop", "postgresql");

        report(id(name), "ready", null);

        assertThat(api.get(owner, "/addons/" + name).json().get("state").asText()).isEqualTo("provisioned");
        assertThat(config("shop").get("DATABASE_URL").asText())
                .matches("postgres://u[0-9a-f]{16}:[0-9a-f]{48}@" + name + ":5432/u[0-9a-f]{16}");
        var latest = api.get(owner, "/apps/shop/releases", "Range", "version ..; order=desc, max=1").json().get(0);
        assertThat(latest.get("description").asText()).isEqualTo("Attach DATABASE (@ref:" + name + ")");
        int version = latest.get("version").asInt();
        report(id(name), "ready", null);
        assertThat(api.get(owner, "/apps/shop/releases", "Range", "version ..; order=desc, max=1").json().get(0)
                .get("version").asInt()).as("a repeated report makes no release").isEqualTo(version);
    }

    @Test
    void a_failed_provisioning_leaves_no_add_on_and_no_release_and_says_why_in_the_log() {
        String name = create("shop", "heroku-redis:premium-0");
        int before = releases("shop");

        report(id(name), "failed", "its server exited with status 1");

        assertThat(api.get(owner, "/addons/" + name).status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/shop/addons").json()).isEmpty();
        assertThat(releases("shop")).isEqualTo(before);
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json()).isEmpty();
        assertThat(api.get(owner, "/apps/shop/logs?num=50").body())
                .contains("Provisioning " + name + " failed: its server exited with status 1");
    }

    @Test
    void a_second_postgres_gets_a_color_and_redis_gets_redis_url() {
        String first = create("shop", "heroku-postgresql");
        String second = create("shop", "postgresql:essential-0");
        String redis = create("shop", "redis");
        report(id(first), "ready", null);
        report(id(second), "ready", null);
        report(id(redis), "ready", null);

        var config = config("shop");
        assertThat(config.get("DATABASE_URL").asText()).contains("@" + first + ":5432/");
        assertThat(config.get("HEROKU_POSTGRESQL_AMBER_URL").asText()).contains("@" + second + ":5432/");
        assertThat(config.get("REDIS_URL").asText()).startsWith("redis://default:").endsWith("@" + redis + ":6379");
        assertThat(api.get(owner, "/apps/shop/addons").json()).hasSize(3);
    }

    @Test
    void unknown_services_and_plans_and_a_taken_attachment_name_are_refused_and_change_nothing() {
        var service = api.post(owner, "/apps/shop/addons", "{\"plan\":\"heroku-mysql\"}");
        assertThat(service.status()).isEqualTo(404);
        assertThat(service.message()).contains("heroku-mysql").contains("heroku-postgresql, heroku-redis");
        var plan = api.post(owner, "/apps/shop/addons", "{\"plan\":\"heroku-postgresql:giant-9\"}");
        assertThat(plan.status()).isEqualTo(422);
        assertThat(plan.message()).contains("giant-9").contains("essential-0");
        create("shop", "heroku-postgresql");
        var clash = api.post(owner, "/apps/shop/addons", "{\"plan\":\"redis\",\"attachment\":{\"name\":\"DATABASE\"}}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.message()).contains("DATABASE").contains("--as");

        assertThat(api.get(owner, "/apps/shop/addons").json()).hasSize(1);
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json()).hasSize(1);
    }

    @Test
    void attaching_to_another_app_releases_the_url_there_and_detaching_unsets_it() {
        assertThat(api.post(owner, "/apps", "{\"name\":\"worker\"}").status()).isEqualTo(201);
        String name = create("shop", "heroku-postgresql");
        report(id(name), "ready", null);

        var attached = api.post(owner, "/addon-attachments", "{\"addon\":\"" + name + "\",\"app\":\"worker\"}");

        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        assertThat(attached.json().get("name").asText()).isEqualTo("DATABASE");
        assertThat(config("worker").get("DATABASE_URL").asText()).isEqualTo(config("shop").get("DATABASE_URL").asText());
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json().get(0).get("app_ids")).hasSize(2);

        var detached = api.delete(owner, "/addon-attachments/" + attached.json().get("id").asText());
        assertThat(detached.status()).as(detached.body()).isEqualTo(200);
        assertThat(config("worker").has("DATABASE_URL")).isFalse();
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json().get(0).get("app_ids")).hasSize(1);
    }

    @Test
    void destroying_needs_the_apps_name_as_confirmation_then_unsets_the_var() {
        String name = create("shop", "heroku-postgresql");
        report(id(name), "ready", null);

        var unconfirmed = api.delete(owner, "/addons/" + name);
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.message()).contains("--confirm shop");
        assertThat(api.delete(owner, "/addons/" + name + "?confirm=other").status()).isEqualTo(422);
        assertThat(config("shop").has("DATABASE_URL")).isTrue();

        var destroyed = api.delete(owner, "/apps/shop/addons/" + name + "?confirm=shop");
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(destroyed.json().get("state").asText()).isEqualTo("deprovisioned");
        assertThat(config("shop").has("DATABASE_URL")).isFalse();
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json()).isEmpty();
        assertThat(api.get(owner, "/addons/" + name).status()).isEqualTo(404);
    }

    @Test
    void the_heroku_clis_lookups_and_destroy_through_the_owning_apps_path_work() {
        assertThat(api.post(owner, "/apps", "{\"name\":\"worker\"}").status()).isEqualTo(201);
        String name = create("shop", "heroku-postgresql");
        report(id(name), "ready", null);
        api.post(owner, "/addon-attachments", "{\"addon\":\"" + name + "\",\"app\":\"worker\"}");

        var byAttachment = api.post(owner, "/actions/addons/resolve", "{\"addon\":\"DATABASE\",\"app\":\"worker\"}");
        assertThat(byAttachment.status()).as(byAttachment.body()).isEqualTo(200);
        assertThat(byAttachment.json().get(0).get("name").asText()).isEqualTo(name);
        var attachment = api.post(owner, "/actions/addon-attachments/resolve",
                "{\"addon_attachment\":\"DATABASE\",\"app\":\"shop\"}");
        assertThat(attachment.json().get(0).at("/addon/name").asText()).isEqualTo(name);

        assertThat(api.delete(owner, "/apps/worker/addons/" + name).status())
                .as("an app it is only attached to is no confirmation").isEqualTo(422);
        var destroyed = api.delete(owner, "/apps/shop/addons/" + name);
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(config("worker").has("DATABASE_URL")).isFalse();
    }

    @Test
    void another_tenant_can_neither_see_nor_attach_nor_destroy_an_add_on(TestPlatform platform) {
        String name = create("shop", "heroku-postgresql");
        report(id(name), "ready", null);
        String mallory = platform.user("mallory@example.com");
        assertThat(api.post(mallory, "/apps", "{\"name\":\"loot\"}").status()).isEqualTo(201);

        assertThat(api.get(mallory, "/addons/" + name).status()).isEqualTo(404);
        assertThat(api.get(mallory, "/addons").json()).isEmpty();
        assertThat(api.get(mallory, "/addon-attachments").json()).isEmpty();
        assertThat(api.post(mallory, "/addon-attachments", "{\"addon\":\"" + name + "\",\"app\":\"loot\"}").status())
                .isEqualTo(404);
        assertThat(api.post(mallory, "/apps/shop/addons", "{\"plan\":\"redis\"}").status()).isEqualTo(404);
        assertThat(api.delete(mallory, "/addons/" + name + "?confirm=shop").status()).isEqualTo(404);
        assertThat(api.delete(mallory, "/apps/loot/addons/" + name + "?confirm=shop").status()).isEqualTo(404);
        assertThat(api.get(mallory, "/agents/" + agentId + "/addons").status()).isEqualTo(403);

        assertThat(config("loot").has("DATABASE_URL")).isFalse();
        assertThat(api.get(owner, "/addons/" + name).json().get("state").asText()).isEqualTo("provisioned");
    }

    @Test
    void the_catalog_lists_services_and_their_plans() {
        assertThat(api.get(owner, "/addon-services").json()).extracting(s -> s.get("name").asText())
                .containsExactly("heroku-postgresql", "heroku-redis");
        var plans = api.get(owner, "/addon-services/redis/plans").json();
        assertThat(plans).extracting(p -> p.get("name").asText()).containsExactly("heroku-redis:mini",
                "heroku-redis:premium-0");
        assertThat(plans.get(0).get("default").asBoolean()).isTrue();
        assertThat(api.get(owner, "/addon-services/nope/plans").status()).isEqualTo(404);
    }

    private String create(String app, String plan) {
        var created = api.post(owner, "/apps/" + app + "/addons", "{\"plan\":\"" + plan + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("name").asText();
    }

    private String id(String name) {
        return api.get(owner, "/addons/" + name).json().get("id").asText();
    }

    private void report(String addonId, String state, String reason) {
        var response = api.call("PUT", admin, "/agents/" + agentId + "/addon-reports", "{\"addons\":[{\"id\":\""
                + addonId + "\",\"state\":\"" + state + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + "}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private JsonNode config(String app) {
        return api.get(owner, "/apps/" + app + "/config-vars").json();
    }

    private int releases(String app) {
        return api.get(owner, "/apps/" + app + "/releases").json().size();
    }
}
