package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BootWatchPaceTest {

    @ParameterizedTest(name = "{0} ms into the watch, the next look comes {1} ms later")
    @CsvSource({"0, 100", "900, 100", "2999, 100", "3000, 300", "60000, 300"})
    void the_boot_watch_looks_every_100_ms_in_its_first_three_seconds_then_every_300_ms(long watchedMs,
                                                                                          long nextLookMs) {
        assertThat(BootWatch.lookEvery(Duration.ofMillis(watchedMs))).isEqualTo(Duration.ofMillis(nextLookMs));
    }
}
