package dev.paas.builder.build;

import java.util.concurrent.Semaphore;

/** At most N builds run at once; the others wait their turn in arrival order. */
public final class BuildSlots {
    private final Semaphore slots;
    private final int size;

    public BuildSlots(int size) {
        this.size = size;
        this.slots = new Semaphore(size, true);
    }

    /** Takes a slot, telling the pusher when it has to wait for one. Release it with {@link #release()}. */
    public void acquire(BuildLog log) throws InterruptedException {
        if (slots.tryAcquire()) {
            return;
        }
        log.step("Waiting for a build slot (" + size + " builds running)");
        slots.acquire();
        log.step("Build slot free: starting");
    }

    public void release() {
        slots.release();
    }
}
