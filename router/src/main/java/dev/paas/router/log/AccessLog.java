package dev.paas.router.log;

import dev.paas.client.Wire;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One line per request to stdout and to the app's log stream. Event loops only enqueue the line's
 * fields; one writer thread formats and writes them in batches, so logging never blocks a request and
 * costs the event loops no formatting.
 */
public final class AccessLog implements AutoCloseable {
    private static final byte[] NEWLINE = {'\n'};
    private final Queue<Entry> queue = PlatformDependent.newFixedMpscQueue(1 << 16);
    private final OutputStream out;
    private final LogShipper shipper;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;

    private final StringBuilder text = new StringBuilder(512); // the writer thread's, reused line after line
    private byte[] bytes = new byte[512];

    private record Entry(UUID appId, long timeMillis, RequestLogLine line) {
    }

    /** {@code out} null: lines only go to the shipper. */
    public AccessLog(OutputStream out, LogShipper shipper) {
        this.out = out == null ? null : new BufferedOutputStream(out, 1 << 16);
        this.shipper = shipper;
        this.writer = new Thread(this::run, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@code appId} null: the line is not about an app (unknown host, bad request) and goes to stdout only. */
    public void log(UUID appId, RequestLogLine line) {
        if (!queue.offer(new Entry(appId, System.currentTimeMillis(), line))) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        var shipping = new ArrayList<Wire.LogLine>();
        while (true) {
            boolean stopping = closed;
            Entry e;
            int n = 0;
            while ((e = queue.poll()) != null && n++ < 10_000) {
                text.setLength(0);
                e.line().formatTo(text);
                write(text);
                if (e.appId() != null && shipper != LogShipper.NONE) {
                    shipping.add(new Wire.LogLine(e.appId(), Instant.ofEpochMilli(e.timeMillis()), "heroku", "router",
                            text.toString()));
                }
            }
            if (!shipping.isEmpty()) {
                shipper.ship(shipping);
                shipping = new ArrayList<>();
            }
            if (n == 0) {
                flush();
                if (stopping) {
                    return;
                }
                LockSupport.parkNanos(2_000_000);
            }
        }
    }

    private void write(StringBuilder line) {
        if (out == null) {
            return;
        }
        try {
            int n = ascii(line);
            if (n >= 0) {
                out.write(bytes, 0, n);
            } else {
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write(NEWLINE);
        } catch (IOException ignored) {
            dropped.increment();
        }
    }

    /**
     * Copies an ASCII line (almost all of them) into the one reused array and returns its length; -1
     * when the line has other characters, which then go through UTF-8 as before.
     */
    private int ascii(StringBuilder line) {
        int n = line.length();
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            bytes[i] = (byte) c;
        }
        return n;
    }

    private void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException ignored) {
            // stdout is gone; lines still reach the shipper
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shipper.close();
    }
}
