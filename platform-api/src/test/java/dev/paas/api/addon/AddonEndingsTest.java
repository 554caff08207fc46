package dev.paas.api.addon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How add-ons end besides addons:destroy: a provisioning that never finishes, and their app's destruction. */
@ExtendWith(PlatformExtension.class)
class AddonEndingsTest {
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
    void an_add_on_still_provisioning_past_its_deadline_is_removed_with_no_release_and_the_reason_logged(
            TestPlatform platform) throws Exception {
        String name = create("shop", "heroku-postgresql");
        String id = id(name);
        int releases = api.get(owner, "/apps/shop/releases").json().size();
        try (var c = platform.connect(); var s = c.prepareStatement(
                "update addons set created_at = now() - interval '301 seconds' where name = ?")) {
            s.setString(1, name);
            assertThat(s.executeUpdate()).isOne();
        }

        await(() -> api.get(owner, "/addons/" + name).status() == 404);

        assertThat(api.get(owner, "/apps/shop/addons").json()).isEmpty();
        assertThat(api.get(owner, "/apps/shop/addon-attachments").json()).isEmpty();
        assertThat(api.get(admin, "/agents/" + agentId + "/addons").json()).as("the agent removes its container")
                .isEmpty();
        assertThat(api.get(owner, "/apps/shop/releases").json()).hasSize(releases);
        assertThat(config("shop").has("DATABASE_URL")).isFalse();
        assertThat(api.get(owner, "/apps/shop/logs?num=50").body()).contains("Provisioning " + name + " failed: it was "
                + "not ready within 300 s (its server never reported ready; PAAS_ADDON_PROVISION_TIMEOUT_SECONDS)");
        report(id, "ready");
        assertThat(api.get(owner, "/addons/" + name).status()).as("a late ready report revives nothing").isEqualTo(404);
        assertThat(api.get(owner, "/apps/shop/releases").json()).hasSize(releases);
    }

    @Test
    void a_young_provisioning_add_on_is_left_alone() throws Exception {
        String name = create("shop", "heroku-postgresql");
        Thread.sleep(1500); // more than one pass of the monitor, which runs every second

        assertThat(api.get(owner, "/addons/" + name).json().get("state").asText()).isEqualTo("provisioning");
    }

    @Test
    void destroying_an_app_destroys_its_add_ons_and_unsets_their_vars_on_the_other_apps_in_a_release() {
        assertThat(api.post(owner, "/apps", "{\"name\":\"worker\"}").status()).isEqualTo(201);
        String shopDb = create("shop", "heroku-postgresql");
        String workerCache = create("worker", "heroku-redis");
        report(id(shopDb), "ready");
        report(id(workerCache), "ready");
        attach(shopDb, "worker");
        attach(workerCache, "shop");
        assertThat(config("worker").has("DATABASE_URL")).isTrue();

        var destroyed = api.delete(owner, "/apps/shop");
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);

        assertThat(config("worker").has("DATABASE_URL")).as("the destroyed app's add-on is gone from worker").isFalse();
        assertThat(config("worker").has("REDIS_URL")).as("worker's own add-on stays").isTrue();
        var latest = api.get(owner, "/apps/worker/releases", "Range", "version ..; order=desc, max=1").json().get(0);
        assertThat(latest.get("description").asText()).isEqualTo("Detach DATABASE (@ref:" + shopDb + ") (its app "
                + "shop was destroyed)");
        assertThat(api.get(owner, "/addons/" + shopDb).status()).isEqualTo(404);
        assertThat(api.get(owner, "/addons/" + workerCache + "/addon-attachments").json())
                .extracting(a -> a.at("/app/name").asText()).containsExactly("worker");
        var desired = api.get(admin, "/agents/" + agentId + "/addons").json();
        assertThat(desired).extracting(a -> a.get("name").asText()).containsExactly(workerCache);
        assertThat(desired.get(0).get("app_ids")).hasSize(1);
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).as("the name is free again").isEqualTo(201);
        assertThat(api.get(owner, "/apps/shop/addons").json()).isEmpty();
    }

    private String create(String app, String plan) {
        heartbeat();
        var created = api.post(owner, "/apps/" + app + "/addons", "{\"plan\":\"" + plan + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("name").asText();
    }

    private void attach(String addon, String app) {
        var attached = api.post(owner, "/addon-attachments", "{\"addon\":\"" + addon + "\",\"app\":\"" + app + "\"}");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
    }

    private void heartbeat() {
        assertThat(api.post(admin, "/agents/" + agentId + "/heartbeat", "{}").status()).isLessThan(300);
    }

    private String id(String name) {
        return api.get(owner, "/addons/" + name).json().get("id").asText();
    }

    private void report(String addonId, String state) {
        var response = api.call("PUT", admin, "/agents/" + agentId + "/addon-reports", "{\"addons\":[{\"id\":\""
                + addonId + "\",\"state\":\"" + state + "\"}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private JsonNode config(String app) {
        return api.get(owner, "/apps/" + app + "/config-vars").json();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("not within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
