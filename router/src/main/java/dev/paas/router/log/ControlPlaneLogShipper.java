package dev.paas.router.log;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships request lines to the control plane in batches of up to 1000, from its own thread. A bounded
 * backlog absorbs a slow or absent control plane; beyond it lines are dropped (and counted), never
 * requests slowed.
 */
public final class ControlPlaneLogShipper implements LogShipper {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneLogShipper.class);
    /** The router ships as a pseudo agent of its own; the control plane files lines by their app. */
    private static final int BATCH = 1000;
    private final PlatformClient client;
    private final LinkedBlockingQueue<Wire.LogLine> backlog = new LinkedBlockingQueue<>(20_000);
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    public ControlPlaneLogShipper(PlatformClient client) {
        this.client = client;
        this.thread = new Thread(this::run, "log-shipper");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void ship(List<Wire.LogLine> lines) {
        for (var line : lines) {
            if (!backlog.offer(line)) {
                dropped.increment();
            }
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        var batch = new ArrayList<Wire.LogLine>(BATCH);
        while (!closed || !backlog.isEmpty()) {
            try {
                Wire.LogLine first = backlog.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                backlog.drainTo(batch, BATCH - 1);
                send(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(List<Wire.LogLine> batch) throws InterruptedException {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                client.shipLogs(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    dropped.add(batch.size());
                    LOG.warn("at=warn msg=\"dropped request log lines: control plane unreachable\" lines={} error=\"{}\"",
                            batch.size(), e.getMessage());
                    return;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
