package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one-off admin processes of the API's build, run as the operator runs them. */
@ExtendWith(PlatformExtension.class)
class AdminCommandsTest {

    @Test
    void create_token_gives_an_existing_user_another_working_token(TestPlatform platform, Api api) throws Exception {
        var env = Map.of("DATABASE_URL", platform.databaseUrl(), "PAAS_DOMAIN", "paas.test");
        var created = run(env, "create-user", "ops@example.com", "--admin");
        assertThat(created.code()).isZero();
        assertThat(run(env, "create-user", "ops@example.com", "--admin").code()).as("exists already").isEqualTo(65);

        var second = run(env, "create-token", "ops@example.com");

        assertThat(second.code()).isZero();
        assertThat(second.out()).isNotEqualTo(created.out()).startsWith("paas_");
        var account = api.get(second.out(), "/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("ops@example.com");
    }

    @Test
    void create_token_for_an_unknown_user_fails_and_says_so(TestPlatform platform) throws Exception {
        var env = Map.of("DATABASE_URL", platform.databaseUrl(), "PAAS_DOMAIN", "paas.test");
        var result = run(env, "create-token", "nobody@example.com");
        assertThat(result.code()).isEqualTo(65);
        assertThat(run(env, "create-token").code()).as("no email").isEqualTo(64);
    }

    @Test
    void set_password_reads_the_password_from_standard_input_and_the_dashboard_then_accepts_it(TestPlatform platform)
            throws Exception {
        var env = Map.of("DATABASE_URL", platform.databaseUrl(), "PAAS_DOMAIN", "paas.test");
        platform.user("pw@example.com");
        var config = ApiConfig.fromEnv(env);

        int code = Main.setPassword(config, java.util.List.of("pw@example.com"),
                new java.io.ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(code).isZero();
        assertThat(Main.setPassword(config, java.util.List.of("pw@example.com"),
                new java.io.ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)))).as("too short").isEqualTo(65);
        assertThat(Main.setPassword(config, java.util.List.of("nobody@example.com"),
                new java.io.ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8))))
                .as("unknown user").isEqualTo(65);
        assertThat(Main.setPassword(config, java.util.List.of(), new java.io.ByteArrayInputStream(new byte[0])))
                .as("no email").isEqualTo(64);
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select password_hash from users where email = 'pw@example.com'")) {
            assertThat(rows.next()).isTrue();
            assertThat(dev.paas.api.auth.Passwords.matches("a long enough password", rows.getString(1))).isTrue();
        }
    }

    private record Result(int code, String out) {
    }

    private static synchronized Result run(Map<String, String> env, String... args) throws InterruptedException {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(env, args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setOut(original);
        }
    }
}
