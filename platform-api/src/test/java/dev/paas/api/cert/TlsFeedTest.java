package dev.paas.api.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TlsFeedTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final UUID APP = UUID.randomUUID();
    private static final UUID OTHER_APP = UUID.randomUUID();

    private static TlsFeed.Candidate cert(UUID app, boolean acm, Duration left, List<String> names,
                                          List<String> appHostnames, boolean appAcm) {
        return new TlsFeed.Candidate(UUID.randomUUID(), app, acm, names, NOW.plus(left), appHostnames, appAcm);
    }

    @Test
    void each_hostname_is_served_by_one_certificate_of_its_own_app_that_has_not_expired() {
        var hostnames = List.of("a.example.com", "b.example.com", "example.com");
        var wildcard = cert(APP, false, Duration.ofDays(30), List.of("*.example.com"), hostnames, false);
        var longer = cert(APP, false, Duration.ofDays(90), List.of("a.example.com"), hostnames, false);
        var expired = cert(APP, false, Duration.ofDays(-1), List.of("example.com"), hostnames, false);
        var foreign = cert(OTHER_APP, false, Duration.ofDays(300), List.of("b.example.com", "example.com"),
                List.of("other.example.org"), false);

        var served = TlsFeed.assign(List.of(wildcard, longer, expired, foreign), NOW);

        assertThat(served).isEqualTo(Map.of(
                wildcard.id(), List.of("b.example.com"),
                longer.id(), List.of("a.example.com")));
    }

    @Test
    void with_acm_on_the_acm_certificate_wins_and_with_it_off_the_uploaded_one() {
        var hostnames = List.of("www.example.com");
        var uploadedOn = cert(APP, false, Duration.ofDays(300), hostnames, hostnames, true);
        var acmOn = cert(APP, true, Duration.ofDays(60), hostnames, hostnames, true);
        var uploadedOff = cert(APP, false, Duration.ofDays(10), hostnames, hostnames, false);
        var acmOff = cert(APP, true, Duration.ofDays(60), hostnames, hostnames, false);

        assertThat(TlsFeed.assign(List.of(uploadedOn, acmOn), NOW)).containsOnlyKeys(acmOn.id());
        assertThat(TlsFeed.assign(List.of(acmOff, uploadedOff), NOW)).containsOnlyKeys(uploadedOff.id());
    }
}
