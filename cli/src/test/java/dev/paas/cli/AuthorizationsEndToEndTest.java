package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paas authorizations* and logout against a real API: tokens are created, listed, revoked. */
class AuthorizationsEndToEndTest {
    private static final Pattern TOKEN = Pattern.compile("Token:\\s+(paas_\\S+)");
    private static final Pattern ID = Pattern.compile("ID:\\s+(\\S+)");
    private static CliFixture fixture;
    @TempDir
    Path home;
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
    void login() {
        email = "keys-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var result = paas("login", "--token", fixture.createUser(email));
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void a_created_token_is_shown_once_listed_and_after_revoke_refused() {
        var created = paas("authorizations:create", "-d", "CI deploys", "-e", "3600");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.err()).contains("Creating OAuth Authorization... done");
        String token = match(TOKEN, created.out());
        String id = match(ID, created.out());
        assertThat(created.out()).contains("Description: CI deploys").contains("Scope:       global")
                .contains("Expires in:  59m");
        assertThat(client(token).account().email()).isEqualTo(email);

        assertThat(paas("authorizations").out()).contains("CI deploys").contains(id)
                .contains("created with the account");
        var info = paas("authorizations:info", id);
        assertThat(info.out()).contains("ID:          " + id).doesNotContain(token);

        var revoked = paas("authorizations:revoke", id);
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(revoked.err()).contains("Revoking OAuth Authorization " + id + "... done");
        assertThat(catchThrowableOfType(ApiException.class, () -> client(token).account()).status()).isEqualTo(401);
        assertThat(paas("authorizations").out()).doesNotContain(id);
        var again = paas("authorizations:revoke", id);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("Couldn't find authorization " + id);
    }

    @Test
    void short_output_is_only_the_token() {
        var created = paas("authorizations:create", "--short");

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out().trim()).startsWith("paas_").doesNotContain("\n");
        assertThat(client(created.out().trim()).account().email()).isEqualTo(email);
    }

    @Test
    void a_bad_expiry_is_refused_with_the_rule() {
        var refused = paas("authorizations:create", "-e", "0");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("'expires_in' must be a number of seconds");
        assertThat(paas("authorizations:create", "-e", "soon").code()).isEqualTo(2);
    }

    @Test
    void logout_revokes_the_token_on_the_platform_and_leaves_other_tokens() throws Exception {
        String kept = match(TOKEN, paas("authorizations:create", "-d", "kept").out());
        String laptop = match(TOKEN, paas("authorizations:create", "-d", "laptop").out());
        assertThat(paas("login", "--token", laptop).code()).isZero();

        var out = paas("logout");

        assertThat(out.code()).as(out.err()).isZero();
        assertThat(out.err()).contains("Logging out... done");
        assertThat(catchThrowableOfType(ApiException.class, () -> client(laptop).account()).status()).isEqualTo(401);
        assertThat(client(kept).account().email()).isEqualTo(email);
        assertThat(Files.readString(home.resolve(".netrc"))).doesNotContain(laptop);
        assertThat(paas("logout").code()).as("logging out twice is fine").isZero();
    }

    @Test
    void logout_with_a_token_revoked_meanwhile_still_cleans_netrc() throws Exception {
        String netrcToken = new Netrc(home).find("127.0.0.1").orElseThrow().password();
        client(netrcToken).revokeAuthorization("~");

        var out = paas("logout");

        assertThat(out.code()).as(out.err()).isZero();
        assertThat(Files.readString(home.resolve(".netrc"))).doesNotContain(netrcToken);
    }

    private CliFixture.Result paas(String... args) {
        return fixture.paas(home, home, "", args);
    }

    private static PlatformClient client(String token) {
        return new PlatformClient(URI.create(fixture.apiUrl()), token);
    }

    private static String match(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text).isTrue();
        return m.group(1);
    }
}
