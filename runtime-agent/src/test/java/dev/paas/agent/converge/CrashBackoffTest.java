package dev.paas.agent.converge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashBackoffTest {
    private final InstanceKey web1 = new InstanceKey("app", "web", 1);
    private final CrashBackoff backoff = new CrashBackoff(Duration.ofSeconds(20), Duration.ofMinutes(10));
    private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void the_first_crash_restarts_at_once_then_the_wait_doubles_up_to_the_ceiling() {
        backoff.crashed(web1, 3, "c1", t0);
        assertThat(backoff.delay(web1)).isZero();
        assertThat(backoff.coolingDown(t0)).isEmpty();

        backoff.crashed(web1, 3, "c2", t0);
        assertThat(backoff.delay(web1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.coolingDown(t0)).containsExactly(web1);
        assertThat(backoff.coolingDown(t0.plusSeconds(1))).isEmpty();

        for (String id : new String[] {"c3", "c4", "c5", "c6", "c7", "c8"}) {
            backoff.crashed(web1, 3, id, t0);
        }
        assertThat(backoff.delay(web1)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void a_crash_observed_twice_counts_once() {
        backoff.crashed(web1, 3, "c1", t0);
        backoff.crashed(web1, 3, "c1", t0.plusSeconds(1));

        assertThat(backoff.delay(web1)).isZero();
    }

    @Test
    void a_new_release_or_a_stable_run_resets_the_count() {
        backoff.crashed(web1, 3, "c1", t0);
        backoff.crashed(web1, 3, "c2", t0);
        backoff.crashed(web1, 4, "c3", t0);
        assertThat(backoff.delay(web1)).as("first crash of v4").isZero();

        backoff.crashed(web1, 4, "c4", t0);
        backoff.up(web1, t0.plusSeconds(60), t0);
        assertThat(backoff.delay(web1)).as("up for a minute only").isEqualTo(Duration.ofSeconds(1));
        backoff.up(web1, t0.plus(Duration.ofMinutes(11)), t0);
        assertThat(backoff.delay(web1)).isZero();
    }
}
