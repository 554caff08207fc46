package dev.paas.e2e;

import java.time.Duration;

/** Waits for a condition, bounded in time; a condition that throws counts as not yet. */
final class Awaits {
    private Awaits() {
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void until(String what, Duration limit, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                // retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
