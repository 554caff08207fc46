package dev.paas.router.proxy;

import dev.paas.router.balance.Backend;
import dev.paas.router.balance.Balancer;
import io.netty.handler.codec.http.HttpMethod;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The backends one request tries: which comes next, and whether a failure may be retried. Each attempt
 * counts once in its backend's outstanding requests, from {@link #next} until it ends.
 */
final class Attempts {
    /** A pooled connection may turn out closed a few times in a row (a backend restarting), not forever. */
    static final int MAX_STALE_RETRIES = 3;
    private final List<Backend> backends;
    private Set<Backend> tried = Set.of();
    private Backend current;
    private boolean counted;
    private int staleRetries;

    Attempts(List<Backend> backends) {
        this.backends = backends;
    }

    /** The backend of the current (or last ended) attempt, for the log line; null if none took it. */
    Backend current() {
        return current;
    }

    /** Starts an attempt on a backend not tried yet, or returns null when every one has been. */
    Backend next(long nowNanos) {
        Backend b = Balancer.pick(backends, tried, nowNanos);
        if (b == null) {
            return null;
        }
        tried = with(tried, b);
        current = b;
        counted = true;
        b.begin();
        return b;
    }

    /** The connection was refused: nothing was sent, so the next attempt goes elsewhere. */
    void refused(long nowNanos, long downNanos) {
        current.markDown(nowNanos, downNanos);
        end();
        current = null;
    }

    /**
     * A pooled connection closed before answering. Returns whether to try again; if so the backend
     * may be picked again, on a fresh connection, since it was the connection that was stale.
     */
    boolean retryStale(boolean reused, boolean requestComplete, long bodyBytes, HttpMethod method) {
        if (!mayRetryStale(reused, requestComplete, bodyBytes, method, staleRetries)) {
            return false;
        }
        staleRetries++;
        end();
        var others = new HashSet<>(tried);
        others.remove(current);
        tried = others;
        current = null;
        return true;
    }

    /** Ends the current attempt's count in its backend; once only, however often it is called. */
    void end() {
        if (counted) {
            counted = false;
            current.end();
        }
    }

    /**
     * Only a request the backend cannot have acted on is sent again: a connection that was reused (it
     * may have been closed by the backend meanwhile), no body, a method that is safe to repeat.
     */
    static boolean mayRetryStale(boolean reused, boolean requestComplete, long bodyBytes, HttpMethod method,
                                 int retriesSoFar) {
        return reused && requestComplete && bodyBytes == 0 && idempotent(method) && retriesSoFar < MAX_STALE_RETRIES;
    }

    static boolean idempotent(HttpMethod m) {
        return m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.OPTIONS);
    }

    /** Almost every request tries one backend: a one-element set, a real one only on failover. */
    private static Set<Backend> with(Set<Backend> set, Backend b) {
        if (set.isEmpty()) {
            return Set.of(b);
        }
        var more = new HashSet<>(set);
        more.add(b);
        return more;
    }
}
