package dev.paas.builder.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code size} builds run at once, and at most {@code perUser} of one user's, so one user cannot take every
 * slot. Waiters are served in arrival order, skipping those whose user is at their limit; a canceled waiter leaves
 * the queue at once.
 */
public final class BuildSlots {
    private final int size;
    private final int perUser;
    private final List<Object> queue = new ArrayList<>();
    private final Map<Object, String> queuedUsers = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int total;

    public BuildSlots(int size, int perUser) {
        this.size = size;
        this.perUser = perUser;
    }

    /** A taken slot; closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot for {@code user}, telling the pusher when it waits; fails with the reason if canceled. */
    public Slot acquire(String user, BuildLog log, Cancellation cancel) throws InterruptedException {
        Object ticket = new Object();
        synchronized (this) {
            queue.add(ticket);
            queuedUsers.put(ticket, user);
            if (take(ticket, user)) {
                return slot(user);
            }
        }
        log.step(waitingReason(user));
        try (var wake = cancel.onCancel(this::wakeAll)) {
            synchronized (this) {
                while (!take(ticket, user)) {
                    if (cancel.canceled()) {
                        leave(ticket);
                        cancel.check();
                    }
                    wait();
                }
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                leave(ticket);
            }
            throw e;
        }
        log.step("Build slot free: starting");
        return slot(user);
    }

    private synchronized String waitingReason(String user) {
        return running.getOrDefault(user, 0) >= perUser
                ? "Waiting for a build slot (you have " + perUser + " builds running, the most one user may)"
                : "Waiting for a build slot (" + size + " builds running)";
    }

    /** Takes a slot when {@code ticket} is the first waiter that may run now. Holds the monitor. */
    private boolean take(Object ticket, String user) {
        if (total >= size) {
            return false;
        }
        for (Object waiting : queue) {
            if (running.getOrDefault(queuedUsers.get(waiting), 0) < perUser) {
                if (waiting != ticket) {
                    return false;
                }
                leave(ticket);
                total++;
                running.merge(user, 1, Integer::sum);
                return true;
            }
        }
        return false;
    }

    private void leave(Object ticket) {
        queue.remove(ticket);
        queuedUsers.remove(ticket);
        notifyAll();
    }

    private synchronized void wakeAll() {
        notifyAll();
    }

    private Slot slot(String user) {
        return () -> {
            synchronized (BuildSlots.this) {
                total--;
                running.merge(user, -1, Integer::sum);
                running.remove(user, 0);
                notifyAll();
            }
        };
    }

    synchronized int running() {
        return total;
    }

    synchronized int waiting() {
        return queue.size();
    }
}
