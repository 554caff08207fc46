package dev.paas.api.dashboard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.error.ApiFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(15), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void fewer_failures_than_the_limit_are_let_through() {
        throttle.failed("a");
        throttle.failed("a");

        assertThatCode(() -> throttle.check("a")).doesNotThrowAnyException();
    }

    @Test
    void the_limit_reached_refuses_with_429_and_the_seconds_to_wait() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        now = now.plusSeconds(60);

        assertThatThrownBy(() -> throttle.check("a")).isInstanceOf(ApiFailure.class)
                .hasMessageContaining("try again in 840 seconds")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ApiFailure) e).kind())
                        .isEqualTo(ApiFailure.Kind.TOO_MANY_REQUESTS));
        assertThatCode(() -> throttle.check("b")).as("another key").doesNotThrowAnyException();
    }

    @Test
    void failures_older_than_the_window_no_longer_count() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        now = now.plus(Duration.ofMinutes(15));

        assertThatCode(() -> throttle.check("a")).doesNotThrowAnyException();
    }

    @Test
    void a_success_clears_the_count() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        throttle.failed("a");

        assertThatCode(() -> throttle.check("a")).doesNotThrowAnyException();
    }
}
