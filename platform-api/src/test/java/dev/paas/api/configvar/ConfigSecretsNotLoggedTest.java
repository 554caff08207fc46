package dev.paas.api.configvar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Config vars are secrets: whatever happens to a request that carries one, its value is never logged. */
@ExtendWith(PlatformExtension.class)
class ConfigSecretsNotLoggedTest {

    @Test
    void config_values_never_reach_the_log_on_success_or_refusal(TestPlatform platform, Api api) {
        String token = platform.user("secretive@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"vault\"}").status()).isEqualTo(201);
        String secret = "s3cr3t-" + System.nanoTime();

        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(api.patch(token, "/apps/vault/config-vars", "{\"DB_PASSWORD\":\"" + secret + "\"}").status())
                    .isEqualTo(200);
            assertThat(api.patch(token, "/apps/vault/config-vars", "{\"1BAD\":\"" + secret + "\"}").status())
                    .isEqualTo(422);
            assertThat(api.patch(token, "/apps/vault/config-vars?x=" + secret, "{\"A\":\"" + secret).status())
                    .isEqualTo(400);
            assertThat(api.get(token, "/apps/vault/config-vars").body()).contains(secret);
            // The request log's own thread logs the four lines just after their responses.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (captured.toString(StandardCharsets.UTF_8).split("path=/apps/vault/config-vars", -1).length < 5
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.split("path=/apps/vault/config-vars", -1)).as("the four request lines, logged while capturing")
                .hasSize(5);
        assertThat(log).doesNotContain(secret);
    }
}
