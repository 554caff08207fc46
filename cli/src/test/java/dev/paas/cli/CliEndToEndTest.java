package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.client.Json;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code paas} command line against a real API and Postgres. */
class CliEndToEndTest {
    private static CliFixture fixture;
    @TempDir
    Path home;
    @TempDir
    Path repo;
    private String token;
    private String email;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void login() throws Exception {
        email = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        token = fixture.createUser(email);
        Git.init().setDirectory(repo.toFile()).call().close();
        var result = paas("", "login", "--token", token);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Logged in as " + email);
    }

    @Test
    void login_writes_netrc_entries_for_the_api_and_git_hosts() throws Exception {
        String netrc = Files.readString(home.resolve(".netrc"));
        assertThat(netrc).contains("machine 127.0.0.1").contains("machine git.paas.test").contains(token);
        assertThat(paas("", "auth:whoami").out().trim()).isEqualTo(email);

        assertThat(paas("", "logout").code()).isZero();
        var after = paas("", "apps");
        assertThat(after.code()).isEqualTo(1);
        assertThat(after.err()).contains("Not logged in");
    }

    @Test
    void login_reads_the_token_from_standard_input_and_refuses_a_bad_one() {
        assertThat(paas(token + "\n", "login").code()).isZero();
        var bad = paas("paas_nope\n", "login");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("Invalid credentials");
    }

    @Test
    void apps_create_adds_the_git_remote_and_later_commands_infer_the_app() throws Exception {
        String app = name();
        var created = paas("", "apps:create", app);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("http://" + app + ".localhost:8080/ | http://git.paas.test:5001/" + app + ".git");
        assertThat(GitRemote.url(repo)).contains("http://git.paas.test:5001/" + app + ".git");

        var info = paas("", "apps:info");
        assertThat(info.out()).contains("=== " + app).contains("Owner:").contains(email);
        assertThat(paas("", "apps").out()).contains(app);
    }

    @Test
    void config_set_get_and_unset_round_trip_values_with_newlines_and_equals_signs() {
        String app = created();
        var set = paas("", "config:set", "-a", app, "DATABASE_URL=postgres://u:p@h/db?x=1", "MULTI=line1\nline2",
                "EMPTY=");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.err()).contains("done, v2");

        assertThat(paas("", "config:get", "-a", app, "DATABASE_URL").out()).isEqualTo("postgres://u:p@h/db?x=1\n");
        assertThat(paas("", "config:get", "-a", app, "MULTI").out()).isEqualTo("line1\nline2\n");
        assertThat(paas("", "config", "-a", app).out()).contains("=== " + app + " Config Vars").contains("EMPTY:");

        assertThat(paas("", "config:unset", "-a", app, "MULTI").code()).isZero();
        assertThat(paas("", "config", "-a", app, "--shell").out()).doesNotContain("MULTI").contains("EMPTY=");

        var bad = paas("", "config:set", "-a", app, "1BAD=x");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("Config var name '1BAD' is invalid");
        assertThat(paas("", "config:set", "-a", app, "NOEQUALS").err()).contains("is not KEY=VALUE");
    }

    @Test
    void config_changes_that_change_nothing_say_so_and_make_no_release() {
        String app = created();
        assertThat(paas("", "config:set", "-a", app, "A=1").err()).contains("done, v2");

        var same = paas("", "config:set", "-a", app, "A=1");
        var missing = paas("", "config:unset", "-a", app, "MISSING");

        assertThat(same.code()).isZero();
        assertThat(same.err()).contains("done, no change (still v2, nothing restarted)");
        assertThat(missing.err()).contains("done, no change (still v2, nothing restarted)");
        assertThat(paas("", "releases", "-a", app).out()).doesNotContain("v3");
    }

    @Test
    void releases_list_newest_first_and_show_one() {
        String app = created();
        paas("", "config:set", "-a", app, "A=1");
        var releases = paas("", "releases", "-a", app);
        assertThat(releases.out()).contains("=== " + app + " Releases - Current: v2");
        assertThat(releases.out().indexOf("v2 ")).isLessThan(releases.out().indexOf("v1 "));

        var info = paas("", "releases:info", "-a", app, "v1");
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("=== Release v1").contains("Initial release");
        assertThat(paas("", "releases:info", "-a", app, "vx").err()).contains("not a release version");
    }

    @Test
    void rollback_to_a_release_without_a_build_is_refused_and_to_a_deploy_works() {
        String app = created();
        var refused = paas("", "rollback", "-a", app);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("has only release v1");

        deploy(app);
        paas("", "config:set", "-a", app, "A=1");
        var toV1 = paas("", "rollback", "-a", app, "v1");
        assertThat(toV1.code()).isEqualTo(1);
        assertThat(toV1.err()).contains("Cannot roll back to v1");

        var back = paas("", "rollback", "-a", app);
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.err()).contains("Rolling back ⬢ " + app + " to v2... done, v4");
        assertThat(paas("", "config:get", "-a", app, "A").out()).isEqualTo("\n");
    }

    @Test
    void ps_scale_scales_known_types_and_refuses_unknown_ones_with_the_known_list() {
        String app = created();
        deploy(app);
        var scaled = paas("", "ps:scale", "-a", app, "web=2", "worker=1:standard-2X");
        assertThat(scaled.code()).as(scaled.err()).isZero();
        assertThat(scaled.err()).contains("now running web at 2:standard-1X, worker at 1:standard-2X");
        assertThat(paas("", "ps", "-a", app).out()).contains("=== web (standard-1X): npm start (2)");

        var unknown = paas("", "scale", "-a", app, "clock=1");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Known process types: web, worker");
        assertThat(paas("", "ps:scale", "-a", app, "web=-1").code()).isEqualTo(1);
    }

    @Test
    void ps_restart_restarts_all_a_type_or_one_process_and_refuses_unknown_ones() {
        String app = created();
        deploy(app);

        var all = fixture.paas(home, home, "", "ps:restart", "-a", app);
        var web = fixture.paas(home, home, "", "restart", "web.1", "-a", app);
        var type = fixture.paas(home, home, "", "ps:restart", "web", "-a", app);
        var unknown = fixture.paas(home, home, "", "ps:restart", "clock", "-a", app);

        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.err()).contains("Restarting dynos on ⬢ " + app + "... done");
        assertThat(web.code()).as(web.err()).isZero();
        assertThat(web.err()).contains("Restarting web.1 dynos");
        assertThat(type.code()).as(type.err()).isZero();
        assertThat(type.err()).contains("Restarting web dynos on ⬢ " + app + "... done");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("No clock to restart");
    }

    @Test
    void domains_can_be_added_listed_and_removed() {
        String app = created();
        assertThat(paas("", "domains:add", "-a", app, "www." + app + ".example.com").code()).isZero();
        assertThat(paas("", "domains", "-a", app).out()).contains(app + ".localhost")
                .contains("www." + app + ".example.com");
        assertThat(paas("", "domains:remove", "-a", app, "www." + app + ".example.com").code()).isZero();
        assertThat(paas("", "domains", "-a", app).out()).doesNotContain("www.");
        assertThat(paas("", "domains:add", "-a", app, "not a host").code()).isEqualTo(1);
    }

    @Test
    void drains_can_be_added_listed_and_removed_and_a_bad_url_says_what_drains_accept() {
        String app = created();

        var added = paas("", "drains:add", "-a", app, "syslog+tls://127.0.0.1:6514");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("Successfully added drain syslog+tls://127.0.0.1:6514");
        assertThat(paas("", "drains", "-a", app).out()).startsWith("=== Drains")
                .containsPattern("syslog\\+tls://127\\.0\\.0\\.1:6514 \\(d\\.[0-9a-f-]{36}\\)");
        var removed = paas("", "drains:remove", "-a", app, "syslog+tls://127.0.0.1:6514");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("Successfully removed drain syslog+tls://127.0.0.1:6514");
        assertThat(paas("", "drains", "-a", app).out()).doesNotContain("6514");
        var refused = paas("", "drains:add", "-a", app, "ftp://127.0.0.1:21");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("syslog://, syslog+tls://, http:// or https://");
    }

    @Test
    void access_add_lets_another_user_see_the_app() throws Exception {
        String app = created();
        String otherEmail = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String other = fixture.createUser(otherEmail);
        Path otherHome = Files.createTempDirectory(home, "other");
        assertThat(fixture.paas(otherHome, repo, "", "login", "--token", other).code()).isZero();
        assertThat(fixture.paas(otherHome, repo, "", "apps:info", "-a", app).code()).isEqualTo(1);

        assertThat(paas("", "access:add", "-a", app, otherEmail).code()).isZero();
        assertThat(paas("", "access", "-a", app).out()).contains(otherEmail + " ").contains("collaborator");
        assertThat(fixture.paas(otherHome, repo, "", "apps:info", "-a", app).code()).isZero();
    }

    @Test
    void apps_destroy_needs_the_matching_confirmation() {
        String app = created();
        var wrong = paas("", "apps:destroy", "-a", app, "--confirm", "nope");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("--confirm " + app);
        assertThat(paas("", "apps:info", "-a", app).code()).isZero();

        assertThat(paas(app + "\n", "apps:destroy", "-a", app).code()).isZero();
        assertThat(paas("", "apps:info", "-a", app).err()).contains("Couldn't find that app");
    }

    @Test
    void json_output_is_the_api_json() throws Exception {
        String app = created();
        JsonNode apps = Json.mapper().readTree(paas("", "apps", "--json").out());
        assertThat(apps.isArray()).isTrue();
        assertThat(apps.findValuesAsText("name")).contains(app);
        JsonNode info = Json.mapper().readTree(paas("", "apps:info", "-a", app, "--json").out());
        assertThat(info.get("web_url").asText()).isEqualTo("http://" + app + ".localhost:8080/");
        JsonNode releases = Json.mapper().readTree(paas("", "releases", "-a", app, "--json").out());
        assertThat(releases.get(0).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void without_an_app_or_remote_the_error_says_how_to_name_one() throws Exception {
        Path elsewhere = Files.createTempDirectory(home, "plain");
        var result = fixture.paas(home, elsewhere, "", "config");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("No app specified. Use -a APP");
    }

    @Test
    void unknown_commands_and_options_are_usage_errors() {
        assertThat(paas("", "nosuch").code()).isEqualTo(2);
        assertThat(paas("", "apps", "--frobnicate").code()).isEqualTo(2);
    }

    private CliFixture.Result paas(String stdin, String... args) {
        return fixture.paas(home, repo, stdin, args);
    }

    private static String name() {
        return "app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String created() {
        String app = name();
        var result = fixture.paas(home, home, "", "apps:create", app);
        assertThat(result.code()).as(result.err()).isZero();
        return app;
    }

    /** What the builder will do after a push: a succeeded build with process types, released. */
    private void deploy(String app) {
        // Builds are recorded by the builder's service (admin) token only.
        var client = new PlatformClient(URI.create(fixture.apiUrl()),
                fixture.createAdmin("builder-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        var pusher = new PlatformClient(URI.create(fixture.apiUrl()), token).account().id();
        var build = client.createBuild(app, new Wire.BuildCreate("0123abc", null, pusher));
        client.updateBuild(app, build.id().toString(), new Wire.BuildUpdate("succeeded", "example/img:1", null,
                Map.of("web", "npm start", "worker", "node worker.js"), "ok"));
        client.deploy(app, build.id(), null);
    }
}
