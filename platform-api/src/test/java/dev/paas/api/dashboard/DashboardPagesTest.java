package dev.paas.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard's pages and forms through a real server, signed in with an API token (no password hashing). */
@ExtendWith(PlatformExtension.class)
class DashboardPagesTest {
    private TestPlatform platform;
    private Api api;
    private String token;
    private Browser browser;

    @BeforeEach
    void signIn(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        this.browser = new Browser(platform.baseUrl());
        assertThat(browser.signInWithToken(token).status()).isEqualTo(303);
    }

    @Test
    void an_app_created_in_the_dashboard_is_listed_with_its_release_and_urls() {
        String csrf = browser.get("/dashboard").csrf();

        var created = browser.post("/dashboard/apps", List.of("_csrf", csrf, "name", "shop"));

        assertThat(created.status()).isEqualTo(303);
        assertThat(created.header("Location")).isEqualTo("/dashboard/apps/shop");
        assertThat(browser.get("/dashboard").body()).contains("/dashboard/apps/shop", "v1");
        var overview = browser.get("/dashboard/apps/shop");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("http://shop.paas.test:8080/", "/shop.git");
        assertThat(api.get(token, "/apps/shop").status()).as("the same app the API sees").isEqualTo(200);
    }

    @Test
    void a_config_var_set_in_the_dashboard_is_the_same_release_as_the_cli_makes() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        String csrf = browser.get("/dashboard/apps/shop/settings").csrf();

        var saved = browser.post("/dashboard/apps/shop/config", List.of("_csrf", csrf, "key", "GREETING",
                "value", "hello"));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(api.get(token, "/apps/shop/config-vars").json().get("GREETING").asText()).isEqualTo("hello");
        var releases = api.get(token, "/apps/shop/releases").json();
        assertThat(releases).hasSize(2);
        assertThat(releases.get(1).get("description").asText()).isEqualTo("Set GREETING config vars");
        assertThat(browser.get("/dashboard/apps/shop/settings").body()).contains("GREETING", "hello");
        browser.post("/dashboard/apps/shop/config/remove", List.of("_csrf", csrf, "key", "GREETING"));
        assertThat(api.get(token, "/apps/shop/config-vars").json().has("GREETING")).isFalse();
    }

    @Test
    void a_change_without_the_csrf_token_is_refused_with_403_and_changes_nothing() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");

        var noToken = browser.post("/dashboard/apps/shop/config", List.of("key", "FOO", "value", "bar"));
        var wrongToken = browser.post("/dashboard/apps/shop/config", List.of("_csrf", "forged", "key", "FOO",
                "value", "bar"));
        var destroy = browser.post("/dashboard/apps/shop/destroy", List.of("confirm", "shop"));

        assertThat(List.of(noToken.status(), wrongToken.status(), destroy.status())).containsOnly(403);
        assertThat(noToken.body()).contains("CSRF token is missing or wrong", "nothing was changed");
        assertThat(api.get(token, "/apps/shop/config-vars").json().has("FOO")).isFalse();
        assertThat(api.get(token, "/apps/shop/releases").json()).hasSize(1);
        assertThat(api.get(token, "/apps/shop").status()).isEqualTo(200);
    }

    @Test
    void another_users_app_is_not_found_in_the_dashboard_as_in_the_api() {
        String other = platform.user("other@example.com");
        api.post(other, "/apps", "{\"name\":\"secret-app\"}");
        api.patch(other, "/apps/secret-app/config-vars", "{\"API_KEY\":\"s3cr3t\"}");
        String csrf = browser.get("/dashboard").csrf();

        for (String page : List.of("", "/activity", "/settings", "/resources", "/logs", "/logs/stream")) {
            var shown = browser.get("/dashboard/apps/secret-app" + page);
            assertThat(shown.status()).as(page).isEqualTo(404);
            assertThat(shown.body()).doesNotContain("s3cr3t");
        }
        var change = browser.post("/dashboard/apps/secret-app/config", List.of("_csrf", csrf, "key", "X", "value", "y"));
        var destroy = browser.post("/dashboard/apps/secret-app/destroy", List.of("_csrf", csrf, "confirm", "secret-app"));

        assertThat(change.status()).isEqualTo(404);
        assertThat(destroy.status()).isEqualTo(404);
        assertThat(browser.get("/dashboard").body()).doesNotContain("secret-app");
        assertThat(api.get(other, "/apps/secret-app/config-vars").json().has("X")).isFalse();
        assertThat(api.get(other, "/apps/secret-app").status()).isEqualTo(200);
    }

    @Test
    void an_empty_config_key_is_refused_with_a_clear_message_and_no_release() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        String csrf = browser.get("/dashboard/apps/shop/settings").csrf();

        var refused = browser.post("/dashboard/apps/shop/config", List.of("_csrf", csrf, "key", "  ", "value", "x"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Config var name '' is invalid");
        assertThat(api.get(token, "/apps/shop/releases").json()).hasSize(1);
    }

    @Test
    void scaling_to_a_negative_or_unknown_type_is_refused_and_a_valid_scale_is_the_cli_scale() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        Deploys.deploy(api, token, "shop", "abc123", "paas/shop:1");
        String csrf = browser.get("/dashboard/apps/shop/resources").csrf();

        var negative = browser.post("/dashboard/apps/shop/scale", List.of("_csrf", csrf, "type", "web",
                "quantity", "-1"));
        var unknown = browser.post("/dashboard/apps/shop/scale", List.of("_csrf", csrf, "type", "nosuch",
                "quantity", "1"));
        var notANumber = browser.post("/dashboard/apps/shop/scale", List.of("_csrf", csrf, "type", "web",
                "quantity", "two"));

        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.body()).contains("Quantity for 'web' must be between 0 and");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("nosuch");
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.body()).contains("must be a whole number");
        assertThat(api.get(token, "/apps/shop/formation/web").json().get("quantity").asInt()).isEqualTo(1);

        var scaled = browser.post("/dashboard/apps/shop/scale", List.of("_csrf", csrf, "type", "web",
                "quantity", "2"));

        assertThat(scaled.status()).isEqualTo(303);
        assertThat(api.get(token, "/apps/shop/formation/web").json().get("quantity").asInt()).isEqualTo(2);
        assertThat(api.get(token, "/apps/shop/logs").body()).contains("Scaled to web@2:");
    }

    @Test
    void rolling_back_from_the_activity_page_makes_the_release_a_cli_rollback_makes() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        Deploys.deploy(api, token, "shop", "abc123", "paas/shop:1");
        Deploys.deploy(api, token, "shop", "def456", "paas/shop:2");
        var activity = browser.get("/dashboard/apps/shop/activity");
        assertThat(activity.body()).contains("Roll back to v2", "Roll back to v1").doesNotContain("Roll back to v3");

        var rolled = browser.post("/dashboard/apps/shop/releases/2/rollback", List.of("_csrf", activity.csrf()));

        assertThat(rolled.status()).isEqualTo(303);
        var releases = api.get(token, "/apps/shop/releases").json();
        assertThat(releases).hasSize(4);
        assertThat(releases.get(3).get("description").asText()).isEqualTo("Rollback to v2");
        assertThat(releases.get(3).get("image").asText()).isEqualTo("paas/shop:1");
    }

    @Test
    void a_builds_output_is_shown_on_its_page() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        String build = Deploys.succeededBuild(api, token, "shop", "abc123", "paas/shop:1", "{\"web\":\"run\"}");

        var page = browser.get("/dashboard/apps/shop/builds/" + build);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("-----&gt; done", "succeeded");
        assertThat(browser.get("/dashboard/apps/shop/activity").body()).contains("/builds/" + build);
    }

    @Test
    void destroying_needs_the_apps_name_typed() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        String csrf = browser.get("/dashboard/apps/shop/settings").csrf();

        var mistyped = browser.post("/dashboard/apps/shop/destroy", List.of("_csrf", csrf, "confirm", "shp"));

        assertThat(mistyped.status()).isEqualTo(422);
        assertThat(mistyped.body()).contains("type its name, shop");
        assertThat(api.get(token, "/apps/shop").status()).isEqualTo(200);

        var destroyed = browser.post("/dashboard/apps/shop/destroy", List.of("_csrf", csrf, "confirm", "shop"));

        assertThat(destroyed.status()).isEqualTo(303);
        assertThat(api.get(token, "/apps/shop").status()).isEqualTo(404);
    }

    @Test
    void the_logs_page_shows_recent_lines_filtered_by_source() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        String csrf = browser.get("/dashboard/apps/shop/settings").csrf();
        browser.post("/dashboard/apps/shop/config", List.of("_csrf", csrf, "key", "A", "value", "1"));

        assertThat(browser.get("/dashboard/apps/shop/logs").body()).contains("heroku[api]: Set A config vars");
        assertThat(browser.get("/dashboard/apps/shop/logs?source=app").body()).doesNotContain("Set A config vars");
        assertThat(browser.get("/dashboard/apps/shop/logs?source=nope").status()).isEqualTo(422);
    }

    @Test
    void an_uploaded_certificate_is_listed_in_settings_and_the_resources_page_lists_add_ons() throws Exception {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        api.post(token, "/apps/shop/domains", "{\"hostname\":\"www.shop.example\"}");
        var ca = dev.paas.api.cert.TestCertificates.ca("Dashboard Test CA");
        var site = dev.paas.api.cert.TestCertificates.site(ca, "www.shop.example");
        var added = api.post(token, "/apps/shop/sni-endpoints", dev.paas.client.Json.mapper().writeValueAsString(
                java.util.Map.of("certificate_chain", site.certPem() + ca.certPem(), "private_key", site.keyPem())));
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        var settings = browser.get("/dashboard/apps/shop/settings");

        assertThat(settings.body()).contains("id=\"certificates\"", "www.shop.example")
                .doesNotContain("PRIVATE KEY");
        assertThat(browser.get("/dashboard/apps/shop/resources").body()).contains("No add-ons.");
    }

    @Test
    void signed_out_pages_go_to_sign_in_and_signed_out_changes_are_refused() {
        var stranger = new Browser(platform.baseUrl());

        assertThat(stranger.get("/dashboard/apps/shop").status()).isEqualTo(303);
        assertThat(stranger.get("/dashboard/apps/shop").header("Location")).isEqualTo("/dashboard/sign-in");
        assertThat(stranger.post("/dashboard/apps", List.of("name", "shop")).status()).isEqualTo(401);
        assertThat(api.get(token, "/apps/shop").status()).isEqualTo(404);
    }

    @Test
    void an_add_on_created_in_the_dashboard_is_the_one_the_api_lists_and_shows_no_credentials() {
        String admin = platform.admin("ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String agent = agent(admin);
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        var resources = browser.get("/dashboard/apps/shop/resources");
        assertThat(resources.body()).contains("value=\"heroku-postgresql:essential-1\"", "value=\"heroku-redis:mini\"");

        var created = browser.post("/dashboard/apps/shop/addons", List.of("_csrf", resources.csrf(),
                "plan", "heroku-postgresql:essential-1"));

        assertThat(created.status()).as(created.body()).isEqualTo(303);
        var listed = api.get(token, "/apps/shop/addons").json();
        assertThat(listed).hasSize(1);
        String name = listed.get(0).get("name").asText();
        assertThat(listed.get(0).at("/plan/name").asText()).isEqualTo("heroku-postgresql:essential-1");
        String password = api.get(admin, "/agents/" + agent + "/addons").json()
                .get(0).get("password").asText();
        var page = browser.get("/dashboard/apps/shop/resources").body();
        assertThat(page).contains(name, "essential-1").doesNotContain(password);
        assertThat(api.get(token, "/apps/shop/logs").body()).contains("Provisioning " + name);

        var mistyped = browser.post("/dashboard/apps/shop/addons/destroy", List.of("_csrf", resources.csrf(),
                "addon", name, "confirm", "shop"));
        assertThat(mistyped.status()).isEqualTo(422);
        assertThat(mistyped.body()).contains("type its name, " + name);
        assertThat(api.get(token, "/apps/shop/addons").json()).hasSize(1);

        var destroyed = browser.post("/dashboard/apps/shop/addons/destroy", List.of("_csrf", resources.csrf(),
                "addon", name, "confirm", name));
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(303);
        assertThat(api.get(token, "/apps/shop/addons").json()).isEmpty();
        assertThat(api.get(token, "/apps/shop/logs").body()).contains("Destroyed " + name);
    }

    @Test
    void another_user_can_neither_create_nor_destroy_add_ons_of_an_app_they_cannot_access() {
        agent(platform.admin("ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        var mine = api.post(token, "/apps/shop/addons", "{\"plan\":\"heroku-redis:mini\"}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        String name = mine.json().get("name").asText();
        String other = platform.user("intruder-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        api.post(other, "/apps", "{\"name\":\"theirs\"}");
        var intruder = new Browser(platform.baseUrl());
        assertThat(intruder.signInWithToken(other).status()).isEqualTo(303);
        String csrf = intruder.get("/dashboard").csrf();

        var create = intruder.post("/dashboard/apps/shop/addons", List.of("_csrf", csrf, "plan", "heroku-redis"));
        var destroyOnShop = intruder.post("/dashboard/apps/shop/addons/destroy", List.of("_csrf", csrf,
                "addon", name, "confirm", name));
        var destroyViaOwnApp = intruder.post("/dashboard/apps/theirs/addons/destroy", List.of("_csrf", csrf,
                "addon", name, "confirm", name));

        assertThat(List.of(create.status(), destroyOnShop.status(), destroyViaOwnApp.status())).containsOnly(404);
        assertThat(api.get(token, "/apps/shop/addons").json()).hasSize(1);
        assertThat(api.get(token, "/apps/shop/addons").json().get(0).get("name").asText()).isEqualTo(name);
        assertThat(api.get(other, "/apps/theirs/addons").json()).isEmpty();
    }

    @Test
    void a_certificate_pasted_in_settings_is_the_apis_sni_endpoint_and_its_key_is_never_shown() {
        api.post(token, "/apps", "{\"name\":\"shop\"}");
        api.post(token, "/apps/shop/domains", "{\"hostname\":\"www.shop.example\"}");
        var ca = dev.paas.api.cert.TestCertificates.ca("Dashboard Paste CA");
        var site = dev.paas.api.cert.TestCertificates.site(ca, "www.shop.example");
        var stranger = dev.paas.api.cert.TestCertificates.site(ca, "www.shop.example");
        String chain = site.certPem() + ca.certPem();
        String keyBody = site.keyPem().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        String csrf = browser.get("/dashboard/apps/shop/settings").csrf();

        var mismatched = browser.post("/dashboard/apps/shop/certificates", List.of("_csrf", csrf,
                "certificate_chain", chain, "private_key", stranger.keyPem()));
        var inTheUrl = browser.post("/dashboard/apps/shop/certificates?certificate_chain="
                + java.net.URLEncoder.encode(chain, java.nio.charset.StandardCharsets.UTF_8) + "&private_key="
                + java.net.URLEncoder.encode(site.keyPem(), java.nio.charset.StandardCharsets.UTF_8),
                List.of("_csrf", csrf));

        assertThat(mismatched.status()).isEqualTo(422);
        assertThat(mismatched.body()).contains("The private key does not match the certificate")
                .doesNotContain("PRIVATE KEY");
        assertThat(inTheUrl.status()).as("a key in the URL is not read").isEqualTo(422);
        assertThat(inTheUrl.body()).contains("Give 'certificate_chain'");
        assertThat(api.get(token, "/apps/shop/sni-endpoints").json()).isEmpty();

        var added = browser.post("/dashboard/apps/shop/certificates", List.of("_csrf", csrf,
                "certificate_chain", chain, "private_key", site.keyPem()));

        assertThat(added.status()).as(added.body()).isEqualTo(303);
        var endpoints = api.get(token, "/apps/shop/sni-endpoints").json();
        assertThat(endpoints).hasSize(1);
        String name = endpoints.get(0).get("name").asText();
        assertThat(endpoints.get(0).get("domains").get(0).asText()).isEqualTo("www.shop.example");
        var settings = browser.get("/dashboard/apps/shop/settings").body();
        assertThat(settings).contains(name, "www.shop.example").doesNotContain("PRIVATE KEY").doesNotContain(keyBody);

        var removed = browser.post("/dashboard/apps/shop/certificates/remove", List.of("_csrf", csrf, "name", name));

        assertThat(removed.status()).isEqualTo(303);
        assertThat(api.get(token, "/apps/shop/sni-endpoints").json()).isEmpty();
    }

    @Test
    void the_apps_figures_take_one_query_however_many_apps_there_are() throws Exception {
        var ids = new java.util.ArrayList<UUID>();
        for (int i = 0; i < 6; i++) {
            ids.add(UUID.fromString(api.post(token, "/apps", "{\"name\":\"app-" + i + "\"}").json().get("id").asText()));
        }
        Deploys.deploy(api, token, "app-0", "abc123", "paas/app-0:1");
        var queries = new java.util.concurrent.atomic.AtomicInteger();
        try (var connection = platform.connect()) {
            var dsl = org.jooq.impl.DSL.using(new org.jooq.impl.DefaultConfiguration().set(connection)
                    .set(org.jooq.SQLDialect.POSTGRES).set(new org.jooq.impl.DefaultExecuteListenerProvider(org.jooq.ExecuteListener.onExecuteStart(
                            c -> queries.incrementAndGet()))));

            var two = new AppLines().of(dsl, ids.subList(0, 2));
            int forTwo = queries.getAndSet(0);
            var six = new AppLines().of(dsl, ids);

            assertThat(forTwo).isEqualTo(1);
            assertThat(queries.get()).as("six apps, still one query").isEqualTo(1);
            assertThat(two).hasSize(2);
            assertThat(six.get(ids.get(0)).release()).isEqualTo(2);
            assertThat(six.get(ids.get(5)).release()).isEqualTo(1);
            assertThat(six.get(ids.get(0)).processes()).as("web@1 waits for a host here").isEqualTo(1);
        }
        assertThat(browser.get("/dashboard").body()).contains("app-5", "v2", "v1");
    }

    /** An agent that add-ons are pinned to; its side is not played: they stay provisioning. */
    private String agent(String admin) {
        var agent = api.post(admin, "/agents", "{\"name\":\"host-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().get("id").asText();
    }
}
