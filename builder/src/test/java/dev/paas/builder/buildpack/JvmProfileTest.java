package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Java buildpack's .profile.d/jvm.sh, sourced by the real sh (dash, as in the stack image) in a clean environment. */
class JvmProfileTest {
    private static final String PROFILE = "/buildpacks/builtin/3-java-maven/profile/jvm.sh";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgres://u:p@db:5432/app            | jdbc:postgresql://db:5432/app?user=u&password=p           | u    | p
            postgresql://u:p@db:5432/app          | jdbc:postgresql://db:5432/app?user=u&password=p           | u    | p
            postgres://u:p@db.internal/app        | jdbc:postgresql://db.internal/app?user=u&password=p       | u    | p
            postgres://us%40r:p%2Fa%3As@h:1/d     | jdbc:postgresql://h:1/d?user=us%40r&password=p%2Fa%3As    | us@r | p/a:s
            postgres://u:a@b+c&d@h:1/d            | jdbc:postgresql://h:1/d?user=u&password=a%40b%2Bc%26d     | u    | a@b+c&d
            postgres://u:%C3%A9%25@h/d            | jdbc:postgresql://h/d?user=u&password=%C3%A9%25           | u    | é%
            postgres://u:p@h:1/d?sslmode=disable  | jdbc:postgresql://h:1/d?user=u&password=p&sslmode=disable | u    | p
            postgres://h:1/d                      | jdbc:postgresql://h:1/d                                   | ""   | ""
            """)
    void a_database_url_becomes_jdbc_and_spring_variables(String databaseUrl, String jdbcUrl, String user,
                                                         String password) throws Exception {
        var env = source(Map.of("DATABASE_URL", databaseUrl));

        assertThat(env).containsEntry("JDBC_DATABASE_URL", jdbcUrl)
                .containsEntry("JDBC_DATABASE_USERNAME", user)
                .containsEntry("JDBC_DATABASE_PASSWORD", password)
                .containsEntry("SPRING_DATASOURCE_URL", jdbcUrl)
                .containsEntry("SPRING_DATASOURCE_USERNAME", user)
                .containsEntry("SPRING_DATASOURCE_PASSWORD", password);
    }

    @Test
    void without_a_postgres_database_url_nothing_is_exported() throws Exception {
        assertThat(source(Map.of())).doesNotContainKeys("JDBC_DATABASE_URL", "SPRING_DATASOURCE_URL");
        assertThat(source(Map.of("DATABASE_URL", ""))).doesNotContainKeys("JDBC_DATABASE_URL");
        assertThat(source(Map.of("DATABASE_URL", "mysql://u:p@h/d"))).doesNotContainKeys("JDBC_DATABASE_URL",
                "SPRING_DATASOURCE_URL");
    }

    @Test
    void variables_the_app_sets_itself_win_and_spring_can_be_left_alone() throws Exception {
        var own = source(Map.of("DATABASE_URL", "postgres://u:p@h/d", "JDBC_DATABASE_URL", "jdbc:postgresql://mine/d",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://spring/d"));
        assertThat(own).containsEntry("JDBC_DATABASE_URL", "jdbc:postgresql://mine/d")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://spring/d");

        var disabled = source(Map.of("DATABASE_URL", "postgres://u:p@h/d", "DISABLE_SPRING_DATASOURCE_URL", "true"));
        assertThat(disabled).containsEntry("JDBC_DATABASE_URL", "jdbc:postgresql://h/d?user=u&password=p")
                .doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void the_script_leaves_no_helper_functions_or_variables_behind() throws Exception {
        var env = source(Map.of("DATABASE_URL", "postgres://u:p%25@h/d"));

        assertThat(env.keySet()).noneMatch(k -> k.startsWith("_"));
        assertThat(run("type paas_jdbc_decode paas_jdbc_encode paas_jdbc_export >/dev/null 2>&1 && echo left || echo gone",
                Map.of("DATABASE_URL", "postgres://u:p@h/d"))).isEqualTo("gone\n");
    }

    /** The environment after sourcing the script, as the launcher does, in an otherwise empty environment. */
    private static Map<String, String> source(Map<String, String> env) throws Exception {
        var vars = new LinkedHashMap<String, String>();
        String out = run("env -0", env);
        for (String entry : out.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                vars.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return vars;
    }

    private static String run(String after, Map<String, String> env) throws Exception {
        Path script = Path.of(JvmProfileTest.class.getResource(PROFILE).toURI());
        var pb = new ProcessBuilder("/bin/sh", "-c", ". \"$0\"; " + after, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
