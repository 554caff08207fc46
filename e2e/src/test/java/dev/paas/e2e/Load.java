package dev.paas.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady load on the app (one request every 20 ms, loopback only), bounded in time, that keeps
 * every failure it saw.
 */
final class Load implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofMinutes(20);
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    Load(Supplier<String> request) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        thread = Thread.ofVirtual().name("load").start(() -> {
            while (running && System.nanoTime() < deadline) {
                try {
                    request.get();
                    succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(java.time.Instant.now() + " " + e.getMessage());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    long succeeded() {
        return succeeded.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
