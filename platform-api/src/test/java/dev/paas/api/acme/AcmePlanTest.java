package dev.paas.api.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

class AcmePlanTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final UUID APP = UUID.randomUUID();

    static List<Arguments> cases() {
        Instant past = NOW.minusSeconds(1);
        Instant future = NOW.plusSeconds(60);
        Instant farExpiry = NOW.plus(Duration.ofDays(60));
        Instant nearExpiry = NOW.plus(Duration.ofDays(29));
        return List.of(
                Arguments.of("a domain the worker has not seen yet", null, past, null, true),
                Arguments.of("a pending domain", AcmStatus.PENDING, past, null, true),
                Arguments.of("a pending domain before its time", AcmStatus.PENDING, future, null, false),
                Arguments.of("a failing domain whose backoff is over", AcmStatus.FAILING, past, null, true),
                Arguments.of("a failing domain in its backoff", AcmStatus.FAILING, future, null, false),
                Arguments.of("a failed domain (until refreshed)", AcmStatus.FAILED, past, null, false),
                Arguments.of("an ok domain far from expiry", AcmStatus.OK, past, farExpiry, false),
                Arguments.of("an ok domain within 30 days of expiry", AcmStatus.OK, past, nearExpiry, true),
                Arguments.of("an ok domain whose certificate is gone", AcmStatus.OK, past, null, true),
                Arguments.of("an ok domain due renewal but in backoff", AcmStatus.OK, future, nearExpiry, false));
    }

    @ParameterizedTest(name = "{0}: due={4}")
    @MethodSource("cases")
    void decides_which_domains_need_an_order_now(String name, AcmStatus status, Instant next, Instant notAfter,
                                                 boolean due) {
        var domain = new AcmePlan.DomainState(UUID.randomUUID(), APP, "www.example.com", status, 0, next, notAfter);

        assertThat(AcmePlan.due(List.of(domain), NOW)).hasSize(due ? 1 : 0);
    }

    static List<Arguments> failures() {
        Duration first = Duration.ofSeconds(60);
        return List.of(
                Arguments.of(0, AcmStatus.FAILING, 1, NOW.plus(first)),
                Arguments.of(1, AcmStatus.FAILING, 2, NOW.plus(first.multipliedBy(2))),
                Arguments.of(3, AcmStatus.FAILING, 4, NOW.plus(first.multipliedBy(8))),
                Arguments.of(4, AcmStatus.FAILED, 5, NOW));
    }

    @ParameterizedTest(name = "after {0} failed attempts: {1}")
    @MethodSource("failures")
    void a_failure_backs_off_doubling_and_fails_for_good_after_the_last_attempt(int before, AcmStatus status,
                                                                                int attempts, Instant next) {
        var failure = AcmePlan.failure(before, 5, Duration.ofSeconds(60), NOW);

        assertThat(failure).isEqualTo(new AcmePlan.Failure(status, attempts, next));
    }

    @org.junit.jupiter.api.Test
    void the_domains_waiting_longest_are_ordered_first() {
        var late = new AcmePlan.DomainState(UUID.randomUUID(), APP, "b.example.com", AcmStatus.FAILING, 1,
                NOW.minusSeconds(5), null);
        var early = new AcmePlan.DomainState(UUID.randomUUID(), APP, "a.example.com", AcmStatus.FAILING, 1,
                NOW.minusSeconds(50), null);

        assertThat(AcmePlan.due(List.of(late, early), NOW)).containsExactly(early, late);
    }
}
