package dev.paas.builder.appjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.builder.appjson.AppJson.EnvVar;
import dev.paas.builder.appjson.AppJson.Scale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppJsonTest {

    @Test
    void env_entries_are_a_value_a_plain_string_a_generator_or_optional() {
        var json = AppJson.parse("""
                {"name": "shop", "healthchecks": {"web": []},
                 "env": {"A": {"value": "x", "description": "a"}, "B": "plain", "SECRET_KEY": {"generator": "secret"},
                         "OPTIONAL": {"required": false}, "ASKED": {"description": "needed"}}}
                """);

        assertThat(json.env()).containsExactly(new EnvVar("A", "x", null, true), new EnvVar("B", "plain", null, true),
                new EnvVar("SECRET_KEY", null, "secret", true), new EnvVar("OPTIONAL", null, null, false),
                new EnvVar("ASKED", null, null, true));
        assertThat(json.formation()).isEmpty();
        assertThat(json.addons()).isEmpty();
    }

    @Test
    void formation_sizes_are_normalized_and_either_part_may_be_left_out() {
        var json = AppJson.parse("""
                {"formation": {"web": {"quantity": 2, "size": "Standard-2x"}, "worker": {"quantity": 0},
                               "clock": {"size": "performance-m"}}}
                """);

        assertThat(json.formation()).isEqualTo(Map.of("web", new Scale(2, "standard-2X"), "worker", new Scale(0, null),
                "clock", new Scale(null, "performance-M")));
    }

    @Test
    void addons_are_plan_names_or_objects_with_a_plan() {
        var json = AppJson.parse("""
                {"addons": ["heroku-postgresql", {"plan": "heroku-postgresql:essential-0", "as": "OTHER_DB"},
                            "heroku-redis:mini"]}
                """);

        assertThat(json.addons()).containsExactly("heroku-postgresql", "heroku-postgresql:essential-0",
                "heroku-redis:mini");
    }

    @Test
    void a_file_without_setup_keys_sets_nothing_up() {
        assertThat(AppJson.parse("{\"name\": \"x\", \"env\": null, \"scripts\": {}}").isEmpty()).isTrue();
        assertThat(AppJson.parse("{}")).isEqualTo(AppJson.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"env": []}                                      | env must be an object
            {"env": {"A": 3}}                                | env.A must be a string (its value) or an object
            {"env": {"A": {"value": 3}}}                     | env.A.value must be a string, got number
            {"env": {"A": {"required": "no"}}}               | env.A.required must be true or false
            {"env": {"A": {"generator": "uuid"}}}            | env.A.generator must be "secret"
            {"env": {"A": {"generator": "secret", "value": "x"}}} | env.A has both a value and a generator
            {"env": {"1A": "x"}}                             | env.1A is not a valid config var name
            {"env": {"A": {"description": 1}}}               | env.A.description must be a string
            {"formation": []}                                | formation must be an object of process types
            {"formation": {"web": 2}}                        | formation.web must be an object
            {"formation": {"web": {"quantity": "2"}}}        | formation.web.quantity must be a whole number from 0 to 100
            {"formation": {"web": {"quantity": -1}}}         | formation.web.quantity must be a whole number
            {"formation": {"web": {"quantity": 1.5}}}        | formation.web.quantity must be a whole number
            {"formation": {"web": {"quantity": 101}}}        | formation.web.quantity must be a whole number from 0 to 100
            {"formation": {"web": {"size": "huge"}}}         | formation.web.size is not a size here; sizes: standard-1X
            {"formation": {"web": {}}}                       | formation.web needs a quantity and/or a size
            {"addons": "heroku-postgresql"}                  | addons must be a list of plans
            {"addons": [3]}                                  | addons[0] must be a plan name or an object
            {"addons": ["heroku-postgresql", {"as": "DB"}]}  | addons[1].plan is missing
            {"addons": [{"plan": 7}]}                        | addons[0].plan must be a string
            {"addons": ["Heroku Postgres"]}                  | addons[0] is not a plan name
            []                                               | the file must be a JSON object
            `{"env": {"A": "x"},}`                           | app.json is not valid JSON (line 1, column
            `{"env": `                                       | app.json is not valid JSON
            """)
    void a_wrong_type_or_bad_json_is_refused_naming_the_field(String json, String message) {
        assertThatThrownBy(() -> AppJson.parse(json)).isInstanceOf(AppJson.InvalidAppJson.class)
                .hasMessageContaining(message).hasMessageContaining("Fix it and push again.");
    }

    @Test
    void the_secret_generator_gives_64_hex_characters_each_time_different() {
        String one = AppSetup.secret();

        assertThat(one).matches("[0-9a-f]{64}");
        assertThat(AppSetup.secret()).matches("[0-9a-f]{64}").isNotEqualTo(one);
    }
}
