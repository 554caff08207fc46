package dev.paas.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppSeriesTest {
    private static final UUID SHOP = UUID.randomUUID();
    private static final UUID BLOG = UUID.randomUUID();

    @Test
    void requests_that_reached_no_app_share_one_set_however_many_there_are() {
        var series = new AppSeries<>(AtomicInteger::new);
        for (int i = 0; i < 1000; i++) {
            series.of(null).incrementAndGet();
        }

        assertThat(series.unknown()).hasValue(1000);
        assertThat(series.retain(Set.of())).isEmpty();
    }

    @Test
    void an_app_keeps_its_set_across_requests() {
        var series = new AppSeries<>(AtomicInteger::new);
        series.of(SHOP).incrementAndGet();
        series.of(SHOP).incrementAndGet();

        assertThat(series.of(SHOP)).hasValue(2);
        assertThat(series.retain(Set.of(SHOP, BLOG))).containsExactly(SHOP);
    }

    @Test
    void apps_that_left_the_table_are_dropped_and_start_from_zero_if_they_come_back() {
        var series = new AppSeries<>(AtomicInteger::new);
        series.of(SHOP).incrementAndGet();
        series.of(BLOG).incrementAndGet();

        assertThat(series.retain(Set.of(BLOG))).containsExactly(BLOG);
        assertThat(series.of(SHOP)).hasValue(0);
        assertThat(series.unknown()).hasValue(0);
    }
}
