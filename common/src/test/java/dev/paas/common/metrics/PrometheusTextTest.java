package dev.paas.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain-app        | plain-app",
            "'a\"b'           | 'a\\\"b'",
            "'back\\slash'    | 'back\\\\slash'",
            "'two\nlines'     | 'two\\nlines'",
            "'{x=\"1\"} 9'    | '{x=\\\"1\\\"} 9'",
            "ünïcode          | ünïcode",
    })
    void label_values_are_escaped_so_no_value_breaks_a_line(String value, String written) {
        assertThat(PrometheusText.escape(value)).isEqualTo(written);
        var text = new PrometheusText().sample("m", 1, "app", value).toString();
        assertThat(text).isEqualTo("m{app=\"" + written + "\"} 1\n").containsOnlyOnce("\n");
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource({"3, 3", "0.25, 0.25", "1e20, 1.0E20", "Infinity, +Inf", "-Infinity, -Inf", "NaN, NaN"})
    void numbers_use_the_formats_words(double value, String written) {
        assertThat(PrometheusText.number(value)).isEqualTo(written);
    }

    @Test
    void a_family_is_typed_once_before_its_first_sample() {
        var text = new PrometheusText()
                .type("req_total", "counter", "requests").sample("req_total", 1, "app", "a")
                .type("req_total", "counter", "requests").sample("req_total", 2, "app", "b").toString();

        assertThat(text).isEqualTo("""
                # HELP req_total requests
                # TYPE req_total counter
                req_total{app="a"} 1
                req_total{app="b"} 2
                """);
    }

    @Test
    void a_histogram_writes_cumulative_buckets_sum_and_count() {
        var h = new Histogram(new double[] {0.1, 1});
        h.observeMicros(50_000);
        h.observeMicros(500_000);
        h.observeMicros(5_000_000);

        var text = new PrometheusText().histogram("d", h.snapshot(), "app", "a").toString();

        assertThat(text).isEqualTo("""
                d_bucket{app="a",le="0.1"} 1
                d_bucket{app="a",le="1"} 2
                d_bucket{app="a",le="+Inf"} 3
                d_sum{app="a"} 5.55
                d_count{app="a"} 3
                """);
    }

    @Test
    void labels_that_do_not_pair_up_are_refused() {
        assertThatThrownBy(() -> new PrometheusText().sample("m", 1, "app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    }

    @Test
    void status_classes_are_counted_and_all_five_written() {
        var counts = new StatusCounts();
        counts.count(200);
        counts.count(204);
        counts.count(503);
        var text = new PrometheusText();
        counts.write(text, "http_responses_total", "responses", "component", "api");

        assertThat(text.toString()).contains("http_responses_total{component=\"api\",status=\"2xx\"} 2\n",
                "http_responses_total{component=\"api\",status=\"5xx\"} 1\n",
                "http_responses_total{component=\"api\",status=\"4xx\"} 0\n").doesNotContain("other");
        assertThat(StatusCounts.statusClass(302)).isEqualTo("3xx");
        assertThat(StatusCounts.statusClass(0)).isEqualTo("other");
    }

    @Test
    void the_jvm_section_reports_heap_in_use() {
        assertThat(new PrometheusText().jvm().toString())
                .containsPattern("jvm_memory_used_bytes\\{area=\"heap\"} [1-9][0-9]*\n");
    }
}
