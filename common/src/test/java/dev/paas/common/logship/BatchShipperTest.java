package dev.paas.common.logship;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchShipperTest {
    /** A control plane that can be switched away: while it is, every batch fails to arrive. */
    private final AtomicBoolean away = new AtomicBoolean();
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Long> reports = new CopyOnWriteArrayList<>();
    private final BatchShipper.Sink<Integer> controlPlane = batch -> {
        attempts.incrementAndGet();
        if (away.get()) {
            throw new java.io.IOException("connection refused");
        }
        received.addAll(batch);
    };
    private BatchShipper<Integer> shipper;

    @AfterEach
    void close() {
        shipper.close(Duration.ofSeconds(2));
    }

    @Test
    void while_the_control_plane_is_away_a_full_buffer_drops_its_oldest_lines_and_says_how_many_once_back() {
        away.set(true);
        shipper = new BatchShipper<>("test", controlPlane, 100, 10, (dropped, since) -> reports.add(dropped));
        shipper.offer(0);
        await(() -> attempts.get() >= 1);

        IntStream.range(1, 250).forEach(shipper::offer);

        assertThat(shipper.waiting()).isEqualTo(100);
        assertThat(shipper.dropped()).isEqualTo(150);
        assertThat(reports).as("nothing is said while nothing can be shipped").isEmpty();

        away.set(false);
        await(() -> received.size() == 100);
        assertThat(received).as("the newest lines, in order").containsExactlyElementsOf(
                IntStream.range(150, 250).boxed().toList());
        await(() -> !reports.isEmpty());
        assertThat(reports).as("one report, with the count").containsExactly(150L);
    }

    @Test
    void lines_offered_while_away_do_not_wait_for_the_control_plane() {
        away.set(true);
        shipper = new BatchShipper<>("test", controlPlane, 1000, 10, (dropped, since) -> reports.add(dropped));
        long start = System.nanoTime();

        IntStream.range(0, 5000).forEach(shipper::offer);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(shipper.dropped()).isEqualTo(4000);
    }

    @Test
    void a_batch_the_receiver_refuses_for_good_is_dropped_and_counted_and_shipping_goes_on() {
        var refusedOnce = new AtomicBoolean();
        shipper = new BatchShipper<>("test", batch -> {
            if (batch.contains(3) && refusedOnce.compareAndSet(false, true)) {
                throw new BatchShipper.Rejected("400 bad line", null);
            }
            received.addAll(batch);
        }, 100, 1, (dropped, since) -> reports.add(dropped));

        IntStream.range(0, 6).forEach(shipper::offer);

        await(() -> received.size() == 5);
        assertThat(received).containsExactly(0, 1, 2, 4, 5);
        assertThat(shipper.dropped()).isEqualTo(1);
        await(() -> !reports.isEmpty());
        assertThat(reports).containsExactly(1L);
    }

    @Test
    void closing_ships_what_is_waiting() {
        var slow = new ArrayList<Integer>();
        shipper = new BatchShipper<>("test", batch -> {
            synchronized (slow) {
                slow.addAll(batch);
            }
        }, 10_000, 500);
        IntStream.range(0, 2000).forEach(shipper::offer);

        shipper.close(Duration.ofSeconds(5));

        synchronized (slow) {
            assertThat(slow).hasSize(2000);
        }
        assertThat(shipper.dropped()).isZero();
    }

    @Test
    void closing_while_the_control_plane_is_away_gives_up_within_the_wait_and_counts_what_is_left() {
        away.set(true);
        shipper = new BatchShipper<>("test", controlPlane, 100, 10, (dropped, since) -> reports.add(dropped));
        IntStream.range(0, 50).forEach(shipper::offer);
        long start = System.nanoTime();

        shipper.close(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(shipper.dropped()).isEqualTo(50);
        shipper.offer(99);
        assertThat(shipper.dropped()).as("a line offered after close is dropped, not kept").isEqualTo(51);
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
