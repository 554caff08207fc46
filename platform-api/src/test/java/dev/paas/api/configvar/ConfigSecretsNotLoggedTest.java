package dev.paas.api.configvar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.CapturedStdout;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
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

        String log = CapturedStdout.during(() -> {
            assertThat(api.patch(token, "/apps/vault/config-vars", "{\"DB_PASSWORD\":\"" + secret + "\"}").status())
                    .isEqualTo(200);
            assertThat(api.patch(token, "/apps/vault/config-vars", "{\"1BAD\":\"" + secret + "\"}").status())
                    .isEqualTo(422);
            assertThat(api.patch(token, "/apps/vault/config-vars?x=" + secret, "{\"A\":\"" + secret).status())
                    .isEqualTo(400);
            assertThat(api.get(token, "/apps/vault/config-vars").body()).contains(secret);
        }, "/apps/vault/config-vars", 4);
        assertThat(log).doesNotContain(secret);
    }
}
