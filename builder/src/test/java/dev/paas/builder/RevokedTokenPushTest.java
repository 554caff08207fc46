package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The builder asks the API about every push, so a revoked or expired token cannot push. */
class RevokedTokenPushTest extends PushFixture {
    private static final String WEB = "web: python3 -m http.server $PORT\n";

    @Test
    void a_push_with_a_revoked_token_is_refused_and_builds_nothing() throws Exception {
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");
        String revoked = client.createAuthorization("laptop", null).accessToken().token();
        GitWorkspace.netrc(home, "127.0.0.1", revoked);
        new PlatformClient(URI.create(platform.baseUrl()), revoked).revokeAuthorization("~");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("the API token was refused");
        assertThat(client.builds(app)).isEmpty();
    }

    @Test
    void a_push_with_an_expired_token_is_refused_and_builds_nothing() throws Exception {
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");
        String expiring = client.createAuthorization("short", 1L).accessToken().token();
        GitWorkspace.netrc(home, "127.0.0.1", expiring);
        var expiringClient = new PlatformClient(URI.create(platform.baseUrl()), expiring);
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean expired = false;
        while (!expired && System.nanoTime() < deadline) {
            try {
                expiringClient.account();
                Thread.sleep(100);
            } catch (ApiException e) {
                expired = e.status() == 401;
            }
        }
        assertThat(expired).as("the token expired within 10 s").isTrue();

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("the API token was refused");
        assertThat(client.builds(app)).isEmpty();
    }
}
