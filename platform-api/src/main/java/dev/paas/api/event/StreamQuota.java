package dev.paas.api.event;

import dev.paas.api.error.ApiFailure;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many streams (log tails, event streams, release output) one user holds open at once. Each open
 * stream costs the API a thread and a query per wake-up: without a bound, one ordinary account could
 * open enough of them to slow every other tenant's.
 */
public final class StreamQuota {
    private final int perUser;
    private final ConcurrentHashMap<UUID, Integer> open = new ConcurrentHashMap<>();

    public StreamQuota(int perUser) {
        this.perUser = perUser;
    }

    /** A place for one more stream of {@code user}; refused (429) when the user already holds all of theirs. */
    public Slot admit(UUID user) {
        var admitted = new AtomicBoolean();
        open.compute(user, (u, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perUser) {
                return count;
            }
            admitted.set(true);
            return count + 1;
        });
        if (!admitted.get()) {
            throw ApiFailure.tooMany("You have " + perUser + " log or event streams open, the most one user may "
                    + "hold. Close one (end a `logs --tail`) and try again.");
        }
        return new Slot(user);
    }

    /** A stream that takes no place: an admin's event stream (see {@code EventStreamHandler}). */
    public Slot uncounted() {
        return new Slot(null);
    }

    /** How many streams {@code user} holds now. */
    public int held(UUID user) {
        return open.getOrDefault(user, 0);
    }

    /** One admitted stream; closing it (again and again) gives its place back once. */
    public final class Slot implements AutoCloseable {
        private final UUID user;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(UUID user) {
            this.user = user;
        }

        @Override
        public void close() {
            if (user != null && closed.compareAndSet(false, true)) {
                open.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
