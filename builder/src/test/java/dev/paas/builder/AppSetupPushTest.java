package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real pushes of apps with an app.json to a real builder and API: the first deploy sets the app up (config vars,
 * formation) before its release; later pushes leave that alone; a bad file or an unmet requirement changes nothing.
 */
class AppSetupPushTest extends PushFixture {
    private static final String PROCFILE = "web: exec python3 -m http.server $PORT\nworker: sleep 600\n";
    private static final String APP_JSON = """
            {"name": "shop", "description": "not ours to read",
             "env": {"SECRET_KEY": {"generator": "secret"}, "GREETING": {"value": "bonjour-greeting-value"},
                     "PLAIN": "plain-string-value", "OPTIONAL": {"required": false, "description": "skipped"},
                     "KEPT": {"value": "app-json-value"}},
             "formation": {"web": {"quantity": 2, "size": "standard-2X"}, "worker": {"quantity": 1}}}
            """;

    @Test
    void the_first_deploy_sets_config_and_formation_from_app_json_without_printing_values() throws Exception {
        client.updateConfigVars(app, Map.of("KEPT", "set-by-the-user"));
        var ws = workspace().write("Procfile", PROCFILE).write("app.json", APP_JSON);
        ws.commit("with app.json");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        var config = client.configVars(app);
        assertThat(config.get("SECRET_KEY")).matches("[0-9a-f]{64}");
        assertThat(config).containsEntry("GREETING", "bonjour-greeting-value")
                .containsEntry("PLAIN", "plain-string-value").containsEntry("KEPT", "set-by-the-user")
                .doesNotContainKey("OPTIONAL");
        assertThat(formation()).isEqualTo(Map.of("web", "2:standard-2X", "worker", "1:standard-1X"));
        var release = client.releases(app, 1).getFirst();
        assertThat(release.build()).isNotNull();
        assertThat(client.releaseConfigVars(app, String.valueOf(release.version()))).isEqualTo(config);
        assertThat(push.output()).contains("app.json: setting up the app on its first deploy",
                "Setting config vars from app.json: SECRET_KEY, GREETING, PLAIN",
                "Formation from app.json: web=2:standard-2X, worker=1", "Released v" + release.version());
        var secrets = new String[] {config.get("SECRET_KEY"), "bonjour-greeting-value", "plain-string-value"};
        assertThat(push.output()).doesNotContain(secrets);
        assertThat(client.buildOutput(app, client.builds(app).getFirst().id().toString())).doesNotContain(secrets);
        assertThat(client.logs(app, 1000, null, null)).doesNotContain(secrets);

        ws.write("app.json", APP_JSON.replace("bonjour", "hello").replace("\"quantity\": 2", "\"quantity\": 5")
                .replace("\"PLAIN\"", "\"NEW_ONE\"")).commit("later changes to app.json");
        var later = ws.push(gitUrl(), "main");

        assertThat(later.exitCode()).as(later.output()).isZero();
        assertThat(later.output()).doesNotContain("app.json");
        assertThat(client.configVars(app)).isEqualTo(config);
        assertThat(formation()).isEqualTo(Map.of("web", "2:standard-2X", "worker", "1:standard-1X"));
    }

    @Test
    void a_required_config_var_with_no_value_fails_the_push_naming_it_until_it_is_set() throws Exception {
        var ws = workspace().write("Procfile", PROCFILE).write("app.json", """
                {"env": {"STRIPE_KEY": {"description": "your key"}, "SECRET_KEY": {"generator": "secret"}},
                 "formation": {"web": {"quantity": 2}}}
                """);
        ws.commit("needs a key");
        int releases = client.releases(app, 100).size();

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("app.json requires config var STRIPE_KEY with no value or generator",
                "paas config:set STRIPE_KEY=... -a " + app).doesNotContain("Building image");
        assertNothingChanged(releases);

        client.updateConfigVars(app, Map.of("STRIPE_KEY", "sk-given"));
        var again = ws.push(gitUrl(), "main");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(client.configVars(app)).containsEntry("STRIPE_KEY", "sk-given").containsKey("SECRET_KEY");
        assertThat(formation()).containsEntry("web", "2:standard-1X");
    }

    @Test
    void an_invalid_app_json_fails_the_push_naming_the_field_and_changes_nothing() throws Exception {
        var ws = workspace().write("Procfile", PROCFILE);
        int releases = client.releases(app, 100).size();
        String[][] cases = {
            {"{\"env\": {\"A\": {\"value\": 3}}}", "app.json is invalid: env.A.value must be a string, got number"},
            {"{\"env\": {\"A\": \"x\"}, \"formation\": {\"web\": {\"quantity\": \"two\"}}}",
                "formation.web.quantity must be a whole number"},
            {"{\"env\": {\"A\": \"x\",}", "app.json is not valid JSON (line 1"},
            {"{\"env\": {\"A\": \"x\"}, \"formation\": {\"clock\": {\"quantity\": 1}}}",
                "formation names process type clock, which this build does not have (it has: web, worker)"},
        };
        for (String[] bad : cases) {
            ws.write("app.json", bad[0]).commit("bad app.json");

            var push = ws.push(gitUrl(), "main");

            assertThat(push.exitCode()).as(bad[0]).isNotZero();
            assertThat(push.output()).as(bad[0]).contains(bad[1], "Push rejected");
            assertNothingChanged(releases);
        }
    }

    @Test
    void an_add_on_no_agent_can_run_fails_the_push_saying_so_before_any_config_is_set()
            throws Exception {
        var ws = workspace().write("Procfile", PROCFILE).write("app.json", """
                {"env": {"SECRET_KEY": {"generator": "secret"}}, "addons": [{"plan": "heroku-postgresql:essential-0"}]}
                """);
        ws.commit("wants a database");
        int releases = client.releases(app, 100).size();

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Provisioning heroku-postgresql:essential-0",
                "Could not provision the add-on heroku-postgresql:essential-0: No runtime agent is up to run the "
                        + "add-on");
        assertNothingChanged(releases);
    }

    private void assertNothingChanged(int releases) {
        assertThat(client.releases(app, 100)).hasSize(releases).allSatisfy(r -> assertThat(r.build()).isNull());
        assertThat(client.configVars(app)).doesNotContainKeys("SECRET_KEY", "A");
        assertThat(client.formation(app)).isEmpty();
    }

    private Map<String, String> formation() {
        return client.formation(app).stream().collect(Collectors.toMap(Wire.Formation::type,
                f -> f.quantity() + ":" + f.size()));
    }
}
