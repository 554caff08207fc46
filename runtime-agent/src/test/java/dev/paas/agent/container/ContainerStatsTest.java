package dev.paas.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerStatsTest {

    @ParameterizedTest(name = "cpu {0}->{1} of system {2}->{3} on {4} cpus: {5}%")
    @CsvSource({
            "0, 1000, 0, 2000, 2, 100",     // one core of two busy
            "0, 2000, 0, 2000, 2, 200",     // both cores
            "0, 100, 0, 4000, 4, 10",
            "500, 500, 0, 2000, 2, 0",      // idle
            "0, 1000, 2000, 2000, 2, 0",    // no system time passed: no rate
            "0, 1000, 0, 2000, 0, 0",       // cpu count unknown
            "1000, 0, 0, 2000, 2, 0",       // counter went backwards (restarted)
    })
    void cpu_is_the_share_of_system_time_in_percent_of_one_core(long pre, long now, long preSystem, long system,
                                                               int cpus, double percent) {
        var stats = new ContainerStats(0, 0, 0, 0, 0, 0, 0, 0, now, pre, system, preSystem, cpus);

        assertThat(stats.cpuPercent()).isCloseTo(percent, within(0.001));
    }

    @ParameterizedTest(name = "usage {0} inactive file {1}: {2}")
    @CsvSource({"1000, 200, 800", "1000, 0, 1000", "100, 200, 0"})
    void memory_in_use_leaves_out_reclaimable_page_cache(long usage, long inactiveFile, long bytes) {
        var stats = new ContainerStats(usage, inactiveFile, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

        assertThat(stats.memoryBytes()).isEqualTo(bytes);
    }
}
