package dev.paas.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.ApiConfig;
import dev.paas.api.Platform;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two API processes on one database: what one changes, the other's cache forgets once the NOTIFY
 * arrives. The wait is bounded well below the cache's own 5 s age limit, so that only the NOTIFY can
 * make these pass.
 */
@ExtendWith(PlatformExtension.class)
class SecondProcessTest {
    private static final Duration NOTIFY_BOUND = Duration.ofSeconds(2);
    private TestPlatform platform;
    private Api first;
    private Api second;
    private Platform secondProcess;
    private String owner;

    @BeforeEach
    void start(TestPlatform platform, Api api) throws Exception {
        this.platform = platform;
        this.first = api;
        this.secondProcess = Platform.start(ApiConfig.fromEnv(Map.of(
                "DATABASE_URL", platform.databaseUrl(),
                "PORT", "0",
                "PAAS_DOMAIN", "paas.test",
                "PAAS_SECRETS_KEY", TestPlatform.SECRETS_KEY,
                "PAAS_BACKUP_DIR", Files.createTempDirectory("paas-second").toString(),
                "PAAS_ACME_DIRECTORY_URL", "http://127.0.0.1:9/directory")));
        this.second = new Api("http://127.0.0.1:" + secondProcess.port());
        this.owner = platform.user("owner@example.com");
        assertThat(first.post(owner, "/apps", "{\"name\":\"shared\"}").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        secondProcess.close();
    }

    @Test
    void a_token_revoked_through_one_process_is_refused_by_the_other_within_a_bounded_wait() {
        var created = first.post(owner, "/oauth/authorizations", "{\"description\":\"ci\"}").json();
        String ci = created.get("access_token").get("token").asText();
        readTwice(ci, "/apps/shared", 200);

        assertThat(first.delete(owner, "/oauth/authorizations/" + created.get("id").asText()).status())
                .isEqualTo(200);

        assertThat(awaitStatus(ci, "/apps/shared", 401)).isEqualTo(401);
    }

    @Test
    void a_collaborator_removed_through_one_process_loses_access_on_the_other_within_a_bounded_wait() {
        String helper = platform.user("helper@example.com");
        first.post(owner, "/apps/shared/collaborators", "{\"user\":\"helper@example.com\"}");
        readTwice(helper, "/apps/shared", 200);

        assertThat(first.delete(owner, "/apps/shared/collaborators/helper@example.com").status()).isEqualTo(200);

        assertThat(awaitStatus(helper, "/apps/shared", 404)).isEqualTo(404);
    }

    @Test
    void a_user_changed_behind_the_api_is_forgotten_by_it_within_a_bounded_wait() throws Exception {
        readTwice(owner, "/account", 200);
        assertThat(second.get(owner, "/account").json().get("email").asText()).isEqualTo("owner@example.com");

        try (var c = platform.connect(); var s = c.createStatement()) {
            s.execute("update users set email = 'renamed@example.com' where email = 'owner@example.com'");
        }

        long deadline = System.nanoTime() + NOTIFY_BOUND.toNanos();
        String email = "";
        while (!email.equals("renamed@example.com") && System.nanoTime() < deadline) {
            email = second.get(owner, "/account").json().get("email").asText();
        }
        assertThat(email).isEqualTo("renamed@example.com");
    }

    private void readTwice(String token, String path, int status) {
        assertThat(second.get(token, path).status()).isEqualTo(status);
        assertThat(second.get(token, path).status()).isEqualTo(status);
    }

    /** Asks the second process until it answers {@code status} or the bound passes; the last status seen. */
    private int awaitStatus(String token, String path, int status) {
        long deadline = System.nanoTime() + NOTIFY_BOUND.toNanos();
        int seen = second.get(token, path).status();
        while (seen != status && System.nanoTime() < deadline) {
            seen = second.get(token, path).status();
        }
        return seen;
    }
}
