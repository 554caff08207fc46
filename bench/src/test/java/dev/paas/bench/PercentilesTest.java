package dev.paas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentiles_of_one_to_a_hundred_are_their_nearest_ranks() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        assertThat(Percentiles.of(nanos)).isEqualTo(new Percentiles(50, 99, 100));
    }

    @Test
    void one_slow_request_in_a_hundred_is_the_max_but_not_the_p99() {
        long[] nanos = LongStream.range(0, 100).map(i -> i == 42 ? 1_000_000 : 10).toArray();

        assertThat(Percentiles.of(nanos)).isEqualTo(new Percentiles(10, 10, 1_000_000));
    }

    @Test
    void a_single_request_is_every_percentile() {
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(7, 7, 7));
    }

    @Test
    void no_requests_give_zeros() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(new Percentiles(0, 0, 0));
    }
}
