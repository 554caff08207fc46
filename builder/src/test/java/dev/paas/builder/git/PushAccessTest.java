package dev.paas.builder.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PushAccessTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_password_is_the_token_whatever_the_user_name() {
        assertThat(PushAccess.token(basic("me@example.com:tok-123"))).contains("tok-123");
        assertThat(PushAccess.token(basic(":tok-123"))).contains("tok-123");
    }

    @Test
    void missing_or_unusable_credentials_give_no_token() {
        assertThat(PushAccess.token(null)).isEmpty();
        assertThat(PushAccess.token("Bearer tok")).isEmpty();
        assertThat(PushAccess.token(basic("user-only"))).isEmpty();
        assertThat(PushAccess.token(basic("user:"))).isEmpty();
        assertThat(PushAccess.token("Basic !!!")).isEmpty();
    }
}
