package dev.paas.router.balance;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices over outstanding requests: of two backends drawn at random, the one with
 * fewer requests in flight. Backends marked down, or already tried for this request, are skipped
 * while any other is left.
 */
public final class Balancer {
    private Balancer() {
    }

    /** A backend for the next attempt, or null when every one has been tried. */
    public static Backend pick(List<Backend> backends, Set<Backend> tried, long nowNanos) {
        int n = backends.size();
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            Backend only = backends.getFirst();
            return tried.contains(only) ? null : only;
        }
        var random = ThreadLocalRandom.current();
        int i = random.nextInt(n);
        int j = random.nextInt(n - 1);
        if (j >= i) {
            j++;
        }
        Backend a = backends.get(i);
        Backend b = backends.get(j);
        boolean aOk = usable(a, tried, nowNanos);
        boolean bOk = usable(b, tried, nowNanos);
        if (aOk && bOk) {
            return a.outstanding() <= b.outstanding() ? a : b;
        }
        if (aOk || bOk) {
            return aOk ? a : b;
        }
        return leastLoaded(backends, tried, nowNanos);
    }

    private static boolean usable(Backend backend, Set<Backend> tried, long nowNanos) {
        return !backend.down(nowNanos) && !tried.contains(backend);
    }

    /** Both draws missed: scan for any usable one, else any untried one even if marked down. */
    private static Backend leastLoaded(List<Backend> backends, Set<Backend> tried, long nowNanos) {
        Backend best = null;
        Backend fallback = null;
        for (Backend candidate : backends) {
            if (tried.contains(candidate)) {
                continue;
            }
            if (!candidate.down(nowNanos)) {
                if (best == null || candidate.outstanding() < best.outstanding()) {
                    best = candidate;
                }
            } else if (fallback == null) {
                fallback = candidate;
            }
        }
        return best != null ? best : fallback;
    }
}
