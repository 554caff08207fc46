package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on commands against a real API; the agent's side (its ready report) is played through the
 * client, as the containers themselves are the runtime-agent module's AddonEndToEndTest.
 */
class AddonsCliTest {
    private static CliFixture fixture;
    private static PlatformClient agentClient;
    private static UUID agentId;
    @TempDir
    Path home;
    @TempDir
    Path work;
    private String app;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
        agentClient = new PlatformClient(URI.create(fixture.apiUrl()), fixture.createAdmin("agent@example.com"));
        agentId = agentClient.registerAgent(new Wire.AgentRegistration("cli-host", "127.0.0.1", 4096)).id();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void loginAndApp() {
        String token = fixture.createUser("dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(paas("", "login", "--token", token).code()).isZero();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(paas("", "apps:create", app).code()).isZero();
    }

    @Test
    void create_list_info_attach_detach_and_destroy_an_add_on() {
        var created = paas("", "addons:create", "heroku-postgresql:essential-0", "-a", app);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.err()).contains("Creating heroku-postgresql:essential-0 on ⬢ " + app + "... done");
        String addon = created.out().split(" ")[0];
        assertThat(addon).startsWith("postgresql-");
        assertThat(created.out()).contains("being created in the background").contains("DATABASE_URL");
        assertThat(paas("", "addons", "-a", app).out()).contains(addon).contains("provisioning");

        agentClient.reportAddons(agentId, List.of(new Wire.AddonReport(agentClient.addon(addon).id(), "ready", null)));

        assertThat(paas("", "config:get", "DATABASE_URL", "-a", app).out()).contains("@" + addon + ":5432/");
        var info = paas("", "addons:info", addon);
        assertThat(info.out()).contains("=== " + addon).contains("provisioned").contains(app + "::DATABASE");

        String other = app + "-b";
        assertThat(paas("", "apps:create", other).code()).isZero();
        var attached = paas("", "addons:attach", addon, "-a", other, "--as", "MAIN_DB");
        assertThat(attached.code()).as(attached.err()).isZero();
        assertThat(paas("", "config:get", "MAIN_DB_URL", "-a", other).out()).contains("@" + addon + ":5432/");
        var detached = paas("", "addons:detach", "MAIN_DB", "-a", other);
        assertThat(detached.code()).as(detached.err()).isZero();
        assertThat(paas("", "config", "-a", other).out()).doesNotContain("MAIN_DB_URL");

        var refused = paas("wrong\n", "addons:destroy", addon);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("did not match " + app);
        assertThat(paas("", "addons", "-a", app).out()).contains(addon);
        var destroyed = paas("", "addons:destroy", addon, "--confirm", app);
        assertThat(destroyed.code()).as(destroyed.err()).isZero();
        assertThat(paas("", "addons", "-a", app).out()).contains("No add-ons");
        assertThat(paas("", "config", "-a", app).out()).doesNotContain("DATABASE_URL");
    }

    @Test
    void an_unknown_service_or_plan_is_a_clear_error() {
        var service = paas("", "addons:create", "heroku-mongo", "-a", app);
        assertThat(service.code()).isEqualTo(1);
        assertThat(service.err()).contains("heroku-mongo").contains("heroku-postgresql, heroku-redis");
        var plan = paas("", "addons:create", "redis:huge", "-a", app);
        assertThat(plan.code()).isEqualTo(1);
        assertThat(plan.err()).contains("huge").contains("mini, premium-0");
        assertThat(paas("", "addons", "-a", app).out()).contains("No add-ons");
    }

    @Test
    void pg_psql_on_an_app_without_postgres_says_so_and_runs_nothing() {
        var psql = paas("", "pg:psql", "-a", app, "-c", "select 1");

        assertThat(psql.code()).isEqualTo(1);
        assertThat(psql.err()).contains(app + " has no Postgres attached as DATABASE")
                .contains("paas addons:create heroku-postgresql");
        assertThat(paas("", "ps", "-a", app).out()).doesNotContain("run.");
    }

    @Test
    void pg_psql_on_a_redis_add_on_says_it_is_not_postgres_and_runs_nothing() {
        var created = paas("", "addons:create", "heroku-redis", "-a", app);
        assertThat(created.code()).as(created.err()).isZero();
        String addon = created.out().split(" ")[0];
        agentClient.reportAddons(agentId, List.of(new Wire.AddonReport(agentClient.addon(addon).id(), "ready", null)));

        var psql = paas("", "pg:psql", "REDIS", "-a", app, "-c", "select 1");

        assertThat(psql.code()).isEqualTo(1);
        assertThat(psql.err()).contains("a heroku-redis add-on").contains("heroku-postgresql add-ons only");
        assertThat(paas("", "ps", "-a", app).out()).doesNotContain("run.");
    }

    private CliFixture.Result paas(String stdin, String... args) {
        return fixture.paas(home, work, stdin, args);
    }
}
