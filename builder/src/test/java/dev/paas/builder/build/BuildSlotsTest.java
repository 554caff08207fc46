package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildSlotsTest {
    private final BuildLog log = new BuildLog(line -> { });

    @Test
    void a_user_at_their_limit_waits_while_another_users_build_takes_the_free_slot() throws Exception {
        var slots = new BuildSlots(2, 1);
        var first = slots.acquire("a@x", log, new Cancellation());
        var secondOfA = CompletableFuture.supplyAsync(() -> take(slots, "a@x", new Cancellation()));
        await(() -> slots.waiting() == 1);

        var ofB = slots.acquire("b@x", log, new Cancellation());

        assertThat(slots.running()).isEqualTo(2);
        assertThat(secondOfA).isNotDone();
        first.close();
        secondOfA.get(10, TimeUnit.SECONDS).close();
        ofB.close();
        assertThat(slots.running()).isZero();
    }

    @Test
    void a_canceled_waiter_leaves_the_queue_with_the_reason() throws Exception {
        var slots = new BuildSlots(1, 1);
        var held = slots.acquire("a@x", log, new Cancellation());
        var cancel = new Cancellation();
        var waiting = CompletableFuture.runAsync(() -> take(slots, "b@x", cancel));
        await(() -> slots.waiting() == 1);

        cancel.cancel("client gone");

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(BuildFailure.class)
                .hasMessageContaining("client gone");
        assertThat(slots.waiting()).isZero();
        held.close();
        slots.acquire("c@x", log, new Cancellation()).close();
    }

    private BuildSlots.Slot take(BuildSlots slots, String user, Cancellation cancel) {
        try {
            return slots.acquire(user, log, cancel);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
