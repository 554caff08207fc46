package dev.paas.api.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which custom domains of ACM apps need an order now. Pure: the worker reads the states, asks, and orders.
 * Each domain has its own certificate, so a domain added gets its own order and a domain removed takes its
 * certificate with it: "domains changed" needs no re-issue of the others.
 */
final class AcmePlan {
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private AcmePlan() {
    }

    /**
     * A custom domain of an app with ACM on, and where its certificate stands.
     *
     * @param status        null before the worker has seen the domain
     * @param certNotAfter  the expiry of its current ACM certificate, null when it has none
     */
    record DomainState(UUID domainId, UUID appId, String hostname, AcmStatus status, int attempts,
                       Instant nextAttemptAt, Instant certNotAfter) {
    }

    /** The domains to order for now, those waiting longest first. */
    static List<DomainState> due(List<DomainState> domains, Instant now) {
        return domains.stream().filter(d -> due(d, now))
                .sorted(Comparator.comparing((DomainState d) -> d.nextAttemptAt() == null ? Instant.MIN
                        : d.nextAttemptAt()))
                .toList();
    }

    private static boolean due(DomainState d, Instant now) {
        if (d.status() == null) {
            return true;
        }
        boolean waited = d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now);
        return switch (d.status()) {
            // Given up until a user asks again (certs:auto:refresh), as Heroku does.
            case FAILED -> false;
            case PENDING, FAILING -> waited;
            case OK -> d.certNotAfter() == null || !d.certNotAfter().minus(RENEW_BEFORE).isAfter(now)
                    ? waited : false;
        };
    }

    /** After a failed order: failing with the next try after a doubling wait, or failed once out of attempts. */
    static Failure failure(int attemptsBefore, int maxAttempts, Duration firstWait, Instant now) {
        int attempts = attemptsBefore + 1;
        if (attempts >= maxAttempts) {
            return new Failure(AcmStatus.FAILED, attempts, now);
        }
        long factor = 1L << Math.min(attempts - 1, 16);
        Duration wait = firstWait.multipliedBy(factor);
        Duration cap = Duration.ofHours(6);
        return new Failure(AcmStatus.FAILING, attempts, now.plus(wait.compareTo(cap) > 0 ? cap : wait));
    }

    record Failure(AcmStatus status, int attempts, Instant nextAttemptAt) {
    }
}
