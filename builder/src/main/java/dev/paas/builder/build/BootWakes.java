package dev.paas.builder.build;

import dev.paas.client.EventKind;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the boot watches of an app the moment the control plane says its routes or processes changed (its event
 * stream), rather than at their next look: a push ends as soon as its web process is in the route table. The
 * watches look on their own pace as well, so a stream that is down costs a push a look's delay, never its outcome.
 */
public final class BootWakes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BootWakes.class);
    private static final Set<EventKind> BOOT_NEWS = Set.of(EventKind.ROUTES_CHANGED, EventKind.INSTANCES_CHANGED);
    private final PlatformClient service;
    private final Map<UUID, Set<Semaphore>> watching = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch streamOpen = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    private BootWakes(PlatformClient service) {
        this.service = service;
    }

    /**
     * Wakes that follow the control plane's event stream with {@code service} (the builder's admin token) once
     * {@link #start}ed, until closed.
     */
    public static BootWakes of(PlatformClient service) {
        return new BootWakes(service);
    }

    /**
     * Opens the stream (on a thread of its own). The builder does so once its own port is bound: the stream's
     * connection takes an ephemeral port, which must not be the one the builder is about to listen on.
     */
    public BootWakes start() {
        if (service != null && !closed) {
            Thread.ofVirtual().name("boot-wakes").start(this::run);
        }
        return this;
    }

    /** Wakes that follow the stream from now on (tests). */
    public static BootWakes follow(PlatformClient service) {
        return of(service).start();
    }

    /** Wakes nobody: each watch looks on its own pace only. */
    public static BootWakes none() {
        var wakes = new BootWakes(null);
        wakes.closed = true;
        return wakes;
    }

    /** A watch of one app's boot: {@link #await} returns when woken for it, or after the timeout. */
    public final class Watch implements AutoCloseable {
        private final UUID app;
        private final Semaphore woken = new Semaphore(0);

        private Watch(UUID app) {
            this.app = app;
            watching.computeIfAbsent(app, k -> ConcurrentHashMap.newKeySet()).add(woken);
        }

        /** Waits up to {@code millis} for news of the app (news since the last wait counts); true when there was. */
        public boolean await(long millis) throws InterruptedException {
            if (woken.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                woken.drainPermits();
                return true;
            }
            return false;
        }

        /** Wakes this watch now (its push was canceled, say). */
        public void wake() {
            woken.release();
        }

        @Override
        public void close() {
            watching.computeIfPresent(app, (k, set) -> {
                set.remove(woken);
                return set.isEmpty() ? null : set;
            });
        }
    }

    public Watch watch(UUID app) {
        return new Watch(app);
    }

    /** Hands an event of the stream to the watches of its app (package-private for tests). */
    void accept(Wire.Event event) {
        if (event.appId() == null || EventKind.of(event.kind()).filter(BOOT_NEWS::contains).isEmpty()) {
            return;
        }
        var watches = watching.get(event.appId());
        if (watches != null) {
            watches.forEach(Semaphore::release);
        }
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            long opened = System.nanoTime();
            try {
                service.followEvents(-1, streamOpen::countDown, this::accept);
            } catch (RuntimeException broken) {
                if (closed) {
                    return;
                }
                LOG.info("at=info msg=\"event stream lost; boot watches look on their own pace until it is back\" "
                        + "error=\"{}\"", broken.getMessage());
            }
            // A stream that stayed open a while was fine: back off only while it keeps failing at once.
            failures = System.nanoTime() - opened > 10_000_000_000L ? 0 : failures + 1;
            try {
                Thread.sleep(Math.min(30_000L, 250L << Math.min(failures, 7)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the stream opened (once) within {@code millis}: news from then on wakes watches. */
    boolean opened(long millis) throws InterruptedException {
        return streamOpen.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
    }
}
