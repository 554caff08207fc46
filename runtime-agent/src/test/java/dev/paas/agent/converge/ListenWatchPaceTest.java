package dev.paas.agent.converge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A starting container is tried on every tick for its first seconds, then at the pass rate only. */
class ListenWatchPaceTest {
    @ParameterizedTest(name = "watched {0} ms, last tried {1} ms ago: tried now {2}")
    @CsvSource({
            "0,       0,   true",
            "1000,    20,  true",
            "2999,    20,  true",
            "3000,    20,  false",
            "60000,   20,  false",
            "60000,   200, false",
            "60000,   230, true",
            "60000,   500, true",
    })
    void a_container_is_tried_every_tick_at_first_then_at_the_pass_rate(long watchedMs, long sinceTryMs,
            boolean due) {
        assertThat(ListenWatch.due(Duration.ofMillis(watchedMs), Duration.ofMillis(sinceTryMs), Duration.ofMillis(20)))
                .isEqualTo(due);
    }
}
