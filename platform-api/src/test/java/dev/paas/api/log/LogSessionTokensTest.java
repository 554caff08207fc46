package dev.paas.api.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.client.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogSessionTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final byte[] key = filled(7);

    @Test
    void a_signed_token_verifies_to_its_claims_until_it_expires() {
        var claims = tokens(NOW).claims(UUID.randomUUID(), UUID.randomUUID(), "web", "app", 50, true);
        String token = tokens(NOW).sign(claims);

        assertThat(tokens(NOW.plusSeconds(299))).satisfies(t -> assertThat(t.verify(token)).contains(claims));
        assertThat(tokens(NOW.plusSeconds(300)).verify(token)).isEmpty();
    }

    @Test
    void a_token_signed_with_another_key_or_altered_is_refused() {
        var claims = tokens(NOW).claims(UUID.randomUUID(), UUID.randomUUID(), null, null, 100, false);
        String token = tokens(NOW).sign(claims);
        var otherKey = new LogSessionTokens(Json.mapper(), filled(8), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(5));

        assertThat(otherKey.verify(token)).isEmpty();
        assertThat(tokens(NOW).verify("x" + token)).isEmpty();
        assertThat(tokens(NOW).verify(token + "x")).isEmpty();
        assertThat(tokens(NOW).verify(token.replace('.', '_'))).isEmpty();
        assertThat(tokens(NOW).verify("")).isEmpty();
    }

    @Test
    void a_short_key_is_refused_at_start() {
        assertThatThrownBy(() -> new LogSessionTokens(Json.mapper(), new byte[16], Clock.systemUTC(),
                Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }

    private LogSessionTokens tokens(Instant now) {
        return new LogSessionTokens(Json.mapper(), key, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
