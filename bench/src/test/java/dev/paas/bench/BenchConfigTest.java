package dev.paas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
    @Test
    void the_client_counts_default_to_one_sixteen_and_sixty_four() {
        assertThat(BenchConfig.clients(null)).containsExactly(1, 16, 64);
        assertThat(BenchConfig.clients(" ")).containsExactly(1, 16, 64);
    }

    @Test
    void client_counts_are_read_in_the_order_given() {
        assertThat(BenchConfig.clients("64")).isEqualTo(List.of(64));
        assertThat(BenchConfig.clients(" 16, 256 ")).isEqualTo(List.of(16, 256));
    }

    @Test
    void a_count_that_is_not_a_positive_number_is_refused_with_what_was_given() {
        for (String bad : List.of("0", "-4", "ten", "16,,64", "2000")) {
            assertThatThrownBy(() -> BenchConfig.clients(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BENCH_CLIENTS").hasMessageContaining(bad);
        }
    }
}
