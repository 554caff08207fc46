package dev.paas.agent.logs;

import dev.paas.agent.converge.ProcessLog;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships log lines to the control plane in batches (up to 500 lines, at least every 200 ms). While
 * the control plane is away, up to {@link #CAPACITY} lines wait; beyond that the oldest are dropped
 * and the drop is logged.
 */
public final class LogShipper implements ProcessLog, AutoCloseable {
    static final int CAPACITY = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    private final PlatformClient client;
    private final Supplier<UUID> agentId;
    private final BlockingQueue<Wire.LogLine> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    public LogShipper(PlatformClient client, Supplier<UUID> agentId) {
        this.client = client;
        this.agentId = agentId;
        this.thread = Thread.ofVirtual().name("log-shipper").start(this::ship);
    }

    @Override
    public void app(InstanceKey key, Instant time, String line) {
        appId(key).ifPresent(id -> offer(new Wire.LogLine(id, time, "app", key.dyno(), line)));
    }

    @Override
    public void platform(InstanceKey key, String line) {
        appId(key).ifPresent(id -> offer(new Wire.LogLine(id, Instant.now(), "heroku", key.dyno(), line)));
    }

    /** Lines of a container whose app label is no app id have no log to go to; they must not break the follow. */
    private static java.util.Optional<UUID> appId(InstanceKey key) {
        try {
            return java.util.Optional.of(UUID.fromString(key.app()));
        } catch (IllegalArgumentException notAnApp) {
            return java.util.Optional.empty();
        }
    }

    private void offer(Wire.LogLine line) {
        while (!queue.offer(line)) {
            queue.poll();
            LOG.warn("at=warn msg=\"log buffer full; dropped the oldest line\" capacity={}", CAPACITY);
        }
    }

    private void ship() {
        var batch = new ArrayList<Wire.LogLine>();
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 499);
                send(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    send(batch);
                    return;
                }
            }
        }
    }

    private void send(ArrayList<Wire.LogLine> batch) {
        for (int attempt = 0; attempt < 50 && !batch.isEmpty(); attempt++) {
            try {
                client.shipLogs(agentId.get(), batch);
                batch.clear();
            } catch (RuntimeException unreachable) {
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(Math.min(5000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        if (!batch.isEmpty()) {
            LOG.warn("at=warn msg=\"dropping log lines the control plane would not take\" count={}", batch.size());
            batch.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
