package dev.paas.api.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Found values of one kind of read (a token's credential, an app as one user sees it), served again
 * while {@link Freshness} says nothing may have changed them. Only values found are kept: a missing
 * token or app is looked up every time. Bounded: past {@code maxEntries} the whole map is dropped
 * (cheap, and the hot entries come back on their next read). Entries also age out after
 * {@code maxAge}, a bound on staleness should a change ever go unannounced.
 */
public final class ReadCache<K, V> {
    private final Freshness freshness;
    private final Freshness.Source source;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long generation, long readAt) {
    }

    /** {@code source}: the tables its reads depend on, whose writes make its entries stale. */
    public ReadCache(Freshness freshness, Freshness.Source source, int maxEntries, Duration maxAge) {
        this.freshness = freshness;
        this.source = source;
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * The value of {@code key}: the cached one if still fresh and {@code usable} (a token not yet
     * expired), else {@code read}'s, kept only if nothing was invalidated while it was read.
     */
    public Optional<V> get(K key, Supplier<Optional<V>> read, Predicate<V> usable) {
        if (!freshness.listening()) {
            return read.get();
        }
        long generation = freshness.generation(source);
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.generation() == generation && System.nanoTime() - cached.readAt() < maxAgeNanos
                && usable.test(cached.value())) {
            return Optional.of(cached.value());
        }
        long readAt = System.nanoTime();
        Optional<V> found = read.get();
        // The generation was taken before the read: a write committed during it has moved the generation
        // on, so the entry below is never served (a later read replaces it).
        if (found.isPresent() && freshness.listening() && freshness.generation(source) == generation) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(found.get(), generation, readAt));
        } else if (cached != null) {
            entries.remove(key, cached);
        }
        return found;
    }

    /** How many entries are held (stale ones included until replaced or dropped). */
    public int size() {
        return entries.size();
    }
}
