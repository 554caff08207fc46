package dev.paas.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.ContainerStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RuntimeMetricsLinesTest {
    private static final long MB = 1024 * 1024;

    @Test
    void the_memory_and_load_lines_have_herokus_fields_and_units() {
        var stats = new ContainerStats(50 * MB, 2 * MB, 40 * MB + MB / 10, 5 * MB, 0, 348836, 343403, 512 * MB,
                0, 0, 0, 0, 2);

        var lines = RuntimeMetricsLines.of("web.1", "0b9c5f0e-aaaa-bbbb-cccc-1234567890ab",
                "d97d0ea7cf3d411bb453d2943a50b456", stats, new LoadAverage(0.456, 0.05, 0.004));

        assertThat(lines).containsExactly(
                "source=web.1 dyno=heroku.0b9c5f0e-aaaa-bbbb-cccc-1234567890ab.d97d0ea7cf3d "
                        + "sample#memory_total=45.10MB sample#memory_rss=40.10MB sample#memory_cache=5.00MB "
                        + "sample#memory_swap=0.00MB sample#memory_pgpgin=348836pages sample#memory_pgpgout=343403pages "
                        + "sample#memory_quota=512.00MB",
                "source=web.1 dyno=heroku.0b9c5f0e-aaaa-bbbb-cccc-1234567890ab.d97d0ea7cf3d "
                        + "sample#load_avg_1m=0.46 sample#load_avg_5m=0.05 sample#load_avg_15m=0.00");
    }

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({"0, 0.00MB", "1048576, 1.00MB", "47395635, 45.20MB", "536870912, 512.00MB", "-5, 0.00MB",
            "1, 0.00MB"})
    void sizes_are_megabytes_with_two_decimals(long bytes, String written) {
        assertThat(RuntimeMetricsLines.mb(bytes)).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"d97d0ea7cf3d411bb453, d97d0ea7cf3d", "abc, abc", "failed-web.1, failed-web.1"})
    void the_container_is_named_by_its_short_id(String id, String shortId) {
        assertThat(RuntimeMetricsLines.shortId(id)).isEqualTo(shortId);
    }
}
