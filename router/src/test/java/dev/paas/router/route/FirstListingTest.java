package dev.paas.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A router starts taking requests only once it has a route table (or has waited long enough for one). */
class FirstListingTest {

    @Test
    void the_first_listing_is_awaited_until_the_control_plane_answers() throws Exception {
        var answer = new CountDownLatch(1);
        var stop = new CountDownLatch(1);
        var source = new RouteSource() {
            @Override
            public Wire.RouteTable list() {
                try {
                    assertThat(answer.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Wire.RouteTable(7, List.of());
            }

            @Override
            public void follow(long eventId, Consumer<Wire.Event> onEvent) {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var store = new RouteStore();
        try (var syncer = new RouteSyncer(source, store, Duration.ofMillis(50), Duration.ofMinutes(5)).start()) {
            assertThat(syncer.awaitFirstListing(Duration.ofMillis(200))).as("no table while the API has not answered")
                    .isFalse();

            answer.countDown();

            assertThat(syncer.awaitFirstListing(Duration.ofSeconds(30))).isTrue();
            assertThat(store.table().eventId()).isEqualTo(7);
        } finally {
            stop.countDown();
        }
    }
}
