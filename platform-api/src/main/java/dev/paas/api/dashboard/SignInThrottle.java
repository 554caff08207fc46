package dev.paas.api.dashboard;

import dev.paas.api.error.ApiFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per email and per client address: past {@code maxFailures} within {@code window}, further
 * tries are refused (429) until the oldest failure leaves the window, so passwords cannot be guessed fast.
 * In memory: a restart forgets, which costs a guesser a restart of ours per few tries.
 */
final class SignInThrottle {
    private static final int MAX_KEYS = 10_000;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Refuses when any of {@code keys} has failed too often lately, saying when to try again. */
    void check(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                prune(times, now);
                if (times.size() >= maxFailures) {
                    long wait = Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds());
                    throw ApiFailure.tooMany("Too many failed sign-ins; try again in " + wait + " seconds.");
                }
            }
        }
    }

    void failed(String... keys) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty();
                }
            });
        }
        for (String key : keys) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > maxFailures) {
                    times.removeFirst();
                }
            }
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
