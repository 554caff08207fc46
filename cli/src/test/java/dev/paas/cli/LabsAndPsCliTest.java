package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paas labs*} and the figures of {@code paas ps} against a real API and Postgres. */
class LabsAndPsCliTest {
    private static CliFixture fixture;
    @TempDir
    Path home;
    private String token;
    private String app;
    private PlatformClient admin;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void loggedInWithADeployedApp() {
        token = fixture.createUser("dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(paas("login", "--token", token).code()).isZero();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(paas("apps:create", app).code()).isZero();
        admin = new PlatformClient(URI.create(fixture.apiUrl()),
                fixture.createAdmin("ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        var pusher = new PlatformClient(URI.create(fixture.apiUrl()), token).account().id();
        var build = admin.createBuild(app, new Wire.BuildCreate("0123abc", null, pusher));
        admin.updateBuild(app, build.id().toString(), new Wire.BuildUpdate("succeeded", "example/img:1", null,
                Map.of("web", "npm start"), "ok"));
        admin.deploy(app, build.id(), null);
    }

    @Test
    void labs_lists_the_feature_and_enable_and_disable_turn_it_on_and_off() {
        var before = paas("labs", "-a", app);
        assertThat(before.code()).as(before.err()).isZero();
        assertThat(before.out()).contains("=== App Features (⬢ " + app + ")").contains("[ ] log-runtime-metrics  ");

        var on = paas("labs:enable", "log-runtime-metrics", "-a", app);
        assertThat(on.code()).as(on.err()).isZero();
        assertThat(on.err()).contains("Enabling log-runtime-metrics for ⬢ " + app + "... done");
        assertThat(paas("labs", "-a", app).out()).contains("[+] log-runtime-metrics  ");

        var off = paas("labs:disable", "log-runtime-metrics", "-a", app);
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(paas("labs", "-a", app).out()).contains("[ ] log-runtime-metrics  ");
    }

    @Test
    void enabling_an_unknown_feature_fails_and_names_the_known_ones() {
        var unknown = paas("labs:enable", "preboot", "-a", app);

        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("No feature named preboot", "log-runtime-metrics");
    }

    @Test
    void ps_shows_the_memory_and_cpu_an_agent_reported() {
        var agent = admin.registerAgent(new Wire.AgentRegistration("host-" + app, "127.0.0.1", 4096)).id();
        UUID appId = admin.app(app).id();
        admin.report(agent, List.of(new Wire.InstanceReport("c0ffee", appId, "web", 1, 2, ProcessState.UP, 41000,
                null, null, 0, java.time.Instant.now(), 47_395_635L, 1.25)));

        var ps = paas("ps", "-a", app);

        assertThat(ps.code()).as(ps.err()).isZero();
        assertThat(ps.out()).containsPattern("web\\.1: up .* \\(v2\\)  mem 45 MB  cpu 1\\.3%");
    }

    private CliFixture.Result paas(String... args) {
        return fixture.paas(home, home, "", args);
    }
}
