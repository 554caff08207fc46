package dev.paas.api.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * The request log: one line per request, key=value, never bodies or query strings (config values travel in
 * bodies). Its lines are logged by one platform thread of its own: a request only queues its line's
 * fields (no lock, no formatting, no write) and goes on. The writer, woken by the first line after a quiet
 * spell, lets lines gather for a millisecond and logs them all.
 *
 * <p>Why: requests run on virtual threads, and the logger's locks (the line's format, stdout's stream) are
 * contended by every request at once; a virtual thread that waits for a monitor is unmounted and
 * scheduled again. Logged from the request's thread, the line cost a cached {@code GET /apps/{app}} about a
 * quarter of its throughput at 64 clients (bench/results/api.txt).
 *
 * <p>Nothing is dropped: past {@link #BACKLOG} queued lines (the log is written slower than requests come)
 * a request logs its own line, as before. {@link #close()} logs what is queued.
 */
final class RequestLog implements AutoCloseable {
    static final int BACKLOG = 10_000;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    record Line(String method, String path, int status, long durationMs, String requestId) {
    }

    private final Logger log;
    private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    private volatile boolean idle;
    private volatile boolean closed;

    RequestLog(Logger log) {
        this.log = log;
        this.writer = Thread.ofPlatform().name("request-log").daemon().start(this::run);
    }

    void add(Line line) {
        if (closed || queued.incrementAndGet() > BACKLOG) {
            queued.decrementAndGet();
            write(line);
            return;
        }
        queue.offer(line);
        if (idle) {
            LockSupport.unpark(writer);
        }
    }

    /** Logs what is queued, then stops; later lines are logged by their requests. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Line line;
            while ((line = queue.poll()) != null) {
                queued.decrementAndGet();
                write(line);
            }
            if (closed) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            idle = true;
            if (queue.isEmpty() && !closed) {
                LockSupport.park(this);
            }
            idle = false;
            if (!closed) {
                LockSupport.parkNanos(GATHER_NANOS); // lets the lines of the next millisecond join these
            }
        }
    }

    private void write(Line line) {
        log.info("at=info method={} path={} status={} duration_ms={} request_id={}", line.method(), line.path(),
                line.status(), line.durationMs(), line.requestId());
    }
}
