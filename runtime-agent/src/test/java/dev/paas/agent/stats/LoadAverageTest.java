package dev.paas.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadAverageTest {

    @ParameterizedTest(name = "{0} busy cores for {1} s from zero: 1m={2}")
    @CsvSource({
            "1, 20, 0.2835",   // 1 - e^(-20/60)
            "1, 60, 0.6321",   // one window: 1 - 1/e
            "2, 20, 0.5669",
            "0, 20, 0",
            "1, 0, 0",         // no time passed: nothing changes
    })
    void the_one_minute_average_moves_towards_the_busy_cores_by_the_share_of_its_window(double cores,
                                                                                        double seconds,
                                                                                        double oneMinute) {
        assertThat(LoadAverage.ZERO.next(cores, seconds).oneMinute()).isCloseTo(oneMinute, within(0.0001));
    }

    @Test
    void a_steady_load_is_approached_by_every_average_the_longer_ones_slower() {
        var load = LoadAverage.ZERO;
        for (int i = 0; i < 45; i++) { // 15 minutes of 20 s readings
            load = load.next(1, 20);
        }

        assertThat(load.oneMinute()).isCloseTo(1, within(0.001));
        assertThat(load.fiveMinutes()).isGreaterThan(0.9).isLessThan(load.oneMinute());
        assertThat(load.fifteenMinutes()).isGreaterThan(0.6).isLessThan(load.fiveMinutes());
    }

    @Test
    void an_idle_process_decays_towards_zero() {
        var busy = new LoadAverage(2, 2, 2);

        var after = busy.next(0, 60);

        assertThat(after.oneMinute()).isCloseTo(2 / Math.E, within(0.001));
        assertThat(after.fifteenMinutes()).isGreaterThan(after.oneMinute());
    }

    @Test
    void nonsense_readings_change_nothing() {
        var load = new LoadAverage(1, 1, 1);

        assertThat(load.next(Double.NaN, 20)).isEqualTo(load);
        assertThat(load.next(-1, 20)).isEqualTo(load);
        assertThat(load.next(1, -5)).isEqualTo(load);
    }
}
