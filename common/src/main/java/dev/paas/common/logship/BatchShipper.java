package dev.paas.common.logship;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships log lines to the control plane in batches, from a thread of its own, so that whoever produces lines (a
 * container's output, the router's access log) is never slowed by it.
 *
 * <p><b>Overflow policy.</b> While the control plane is away, lines wait in a buffer of {@code capacity} lines and
 * the batch at its head is retried with backoff (up to 5 s apart) until it goes through. When the buffer is full, a
 * new line pushes out the <em>oldest</em> waiting one: a log's recent past is what an operator reads first. Each
 * drop is counted ({@link #dropped()}), and when a batch goes through again the count since the last report is told
 * once, with when the drops began, to {@link Overflow#reported} (by default one {@code code=L10} warning, after
 * Heroku's L10 "Drain buffer overflow"). Lines are never reordered. A batch the receiver refuses for good
 * ({@link Rejected}) is dropped and counted the same way, so one bad batch cannot wedge shipping.
 *
 * @param <T> a line, as the receiver takes it
 */
public final class BatchShipper<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchShipper.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Sends one batch; throws when it did not arrive (it is retried), or {@link Rejected} when it never will. */
    @FunctionalInterface
    public interface Sink<T> {
        void send(List<T> batch) throws Exception;
    }

    /** Told, once shipping resumes, how many lines were dropped since the last report and since when. */
    @FunctionalInterface
    public interface Overflow {
        void reported(long dropped, Instant since);
    }

    /** The receiver refused the batch for good (it is malformed, or not ours to send): retrying cannot help. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Waiting<T>(long seq, T line) {
    }

    private final String name;
    private final Sink<T> sink;
    private final int capacity;
    private final int batchSize;
    private final Overflow overflow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ArrayDeque<Waiting<T>> buffer = new ArrayDeque<>();
    private final Thread thread;
    private long nextSeq;
    private long droppedTotal;
    private long droppedUnreported;
    private Instant droppingSince;
    private boolean closed;

    public BatchShipper(String name, Sink<T> sink, int capacity, int batchSize) {
        this(name, sink, capacity, batchSize, (dropped, since) -> LOG.warn(
                "at=warn code=L10 msg=\"log buffer overflow: dropped the oldest lines while the control plane was "
                        + "away\" shipper={} dropped={} since={} capacity={}", name, dropped, since, capacity));
    }

    public BatchShipper(String name, Sink<T> sink, int capacity, int batchSize, Overflow overflow) {
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be positive");
        }
        this.name = name;
        this.sink = sink;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.overflow = overflow;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Queues a line; never blocks. A full buffer drops its oldest line to make room. */
    public void offer(T line) {
        lock.lock();
        try {
            if (closed) {
                drop(1);
                return;
            }
            if (buffer.size() >= capacity) {
                buffer.pollFirst();
                drop(1);
            }
            buffer.addLast(new Waiting<>(nextSeq++, line));
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped since start: pushed out of a full buffer, refused by the receiver, or left at close. */
    public long dropped() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Lines waiting to be shipped. */
    public int waiting() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    private void drop(long count) {
        if (droppedUnreported == 0) {
            droppingSince = Instant.now();
        }
        droppedTotal += count;
        droppedUnreported += count;
    }

    private void run() {
        int failures = 0;
        while (true) {
            List<Waiting<T>> batch = next();
            if (batch == null) {
                return;
            }
            try {
                sink.send(batch.stream().map(Waiting::line).toList());
                failures = 0;
                shipped(batch, 0);
            } catch (Rejected refused) {
                LOG.warn("at=warn msg=\"receiver refused log lines; dropped them\" shipper={} lines={} error=\"{}\"",
                        name, batch.size(), refused.getMessage());
                shipped(batch, batch.size());
            } catch (Exception unreachable) {
                if (failures++ == 0) {
                    LOG.warn("at=warn msg=\"control plane unreachable; buffering log lines\" shipper={} error=\"{}\"",
                            name, unreachable.getMessage());
                }
                if (!backOff(failures)) {
                    return;
                }
            }
        }
    }

    /** The lines at the head of the buffer, left in it until they are shipped; null once closed and empty. */
    private List<Waiting<T>> next() {
        lock.lock();
        try {
            while (buffer.isEmpty() && !closed) {
                wake.awaitUninterruptibly();
            }
            if (buffer.isEmpty()) {
                return null;
            }
            var batch = new ArrayList<Waiting<T>>(Math.min(batchSize, buffer.size()));
            for (var line : buffer) {
                if (batch.size() == batchSize) {
                    break;
                }
                batch.add(line);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a batch out of the buffer. Lines of it that overflow pushed out meanwhile are gone already (and were
     * counted): only those still at the head, up to the batch's last, are removed.
     */
    private void shipped(List<Waiting<T>> batch, int refused) {
        long last = batch.getLast().seq();
        long report;
        Instant since;
        lock.lock();
        try {
            while (!buffer.isEmpty() && buffer.peekFirst().seq() <= last) {
                buffer.pollFirst();
            }
            if (refused > 0) {
                drop(refused);
            }
            report = refused > 0 ? 0 : droppedUnreported;
            since = droppingSince;
            if (report > 0) {
                droppedUnreported = 0;
            }
        } finally {
            lock.unlock();
        }
        if (report > 0) {
            overflow.reported(report, since);
        }
    }

    /** Waits before the next attempt; false when closed meanwhile (what is left is not retried). */
    private boolean backOff(int failures) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures - 1, 6));
        lock.lock();
        try {
            if (!closed) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
            if (!closed) {
                return true;
            }
            long left = buffer.size();
            buffer.clear();
            drop(left);
            LOG.warn("at=warn msg=\"closed while the control plane was away; dropped the lines left\" shipper={} "
                    + "lines={}", name, left);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ships what is waiting, for at most {@code wait}; a control plane still away by then gets no more tries. */
    public void close(Duration wait) {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
