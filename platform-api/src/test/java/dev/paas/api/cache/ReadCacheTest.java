package dev.paas.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a cached read is served, and when the database is asked again. */
class ReadCacheTest {
    private final Freshness freshness = new Freshness();
    private final AtomicInteger reads = new AtomicInteger();
    private ReadCache<String, String> cache = new ReadCache<>(freshness, Freshness.Source.EVERYTHING, 100,
            Duration.ofMinutes(1));

    @BeforeEach
    void listening() {
        freshness.listening(true);
    }

    private Optional<String> get(String key) {
        return cache.get(key, () -> Optional.of(key + "#" + reads.incrementAndGet()), v -> true);
    }

    @Test
    void a_second_read_is_served_from_the_cache() {
        assertThat(get("a")).contains("a#1");
        assertThat(get("a")).contains("a#1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void nothing_is_served_from_the_cache_while_the_listener_is_down() {
        get("a");
        freshness.listening(false);

        assertThat(get("a")).contains("a#2");
        assertThat(get("a")).contains("a#3");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void what_was_cached_before_the_listener_went_down_is_not_served_after_it_comes_back() {
        get("a");
        freshness.listening(false);
        freshness.listening(true);

        assertThat(get("a")).contains("a#2");
    }

    @Test
    void a_write_or_any_notification_but_a_log_lines_makes_every_entry_stale() {
        get("a");
        freshness.notified("log");
        assertThat(get("a")).contains("a#1");

        freshness.notified("1234");
        assertThat(get("a")).contains("a#2");
        freshness.notified("token");
        assertThat(get("a")).contains("a#3");
        freshness.notified("something added later");
        assertThat(get("a")).contains("a#4");
        freshness.invalidate();
        assertThat(get("a")).contains("a#5");
    }

    @Test
    void a_cache_of_users_and_tokens_is_kept_through_other_writes_and_event_notifications() {
        cache = new ReadCache<>(freshness, Freshness.Source.USERS_AND_TOKENS, 100, Duration.ofMinutes(1));
        get("a");

        freshness.written(false);
        freshness.notified("1234");
        freshness.notified("log");
        assertThat(get("a")).contains("a#1");

        freshness.written(true);
        assertThat(get("a")).contains("a#2");
        freshness.notified("user");
        assertThat(get("a")).contains("a#3");
        freshness.notified("token");
        assertThat(get("a")).contains("a#4");
        freshness.notified("something added later");
        assertThat(get("a")).contains("a#5");
        freshness.invalidate();
        assertThat(get("a")).contains("a#6");
        freshness.listening(false);
        freshness.listening(true);
        assertThat(get("a")).contains("a#7");
    }

    @Test
    void a_write_of_users_or_tokens_makes_every_entry_stale_too() {
        get("a");
        freshness.written(true);

        assertThat(get("a")).contains("a#2");
        freshness.written(false);
        assertThat(get("a")).contains("a#3");
    }

    @Test
    void a_value_read_while_a_write_commits_is_not_kept() {
        cache.get("a", () -> {
            freshness.invalidate(); // a write commits while the read is under way: what was read may be older
            return Optional.of("old");
        }, v -> true);

        assertThat(get("a")).contains("a#1");
    }

    @Test
    void a_value_no_longer_usable_is_read_again() {
        get("a");

        assertThat(cache.get("a", () -> Optional.of("fresh"), v -> !v.equals("a#1"))).contains("fresh");
    }

    @Test
    void missing_values_are_not_kept() {
        cache.get("a", Optional::empty, v -> true);

        assertThat(get("a")).contains("a#1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void entries_age_out() {
        cache = new ReadCache<>(freshness, Freshness.Source.EVERYTHING, 100, Duration.ZERO);
        get("a");

        assertThat(get("a")).contains("a#2");
    }

    @Test
    void the_cache_never_holds_more_than_its_bound() {
        cache = new ReadCache<>(freshness, Freshness.Source.EVERYTHING, 3, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            get("k" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }
}
