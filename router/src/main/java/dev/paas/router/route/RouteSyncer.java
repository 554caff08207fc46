package dev.paas.router.route;

import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RouteStore} in step with the control plane: list, then follow the change stream
 * from the listing's event id, re-listing shortly after any change that can move routes (several
 * changes in a burst make one listing). After the stream breaks it lists again, with backoff; all
 * the while the router serves from the last table it had. A slow full resync is a safety net only.
 */
public final class RouteSyncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSyncer.class);
    static final Set<EventKind> TRIGGERS = EnumSet.of(EventKind.ROUTES_CHANGED, EventKind.DOMAIN_CREATED,
            EventKind.DOMAIN_DELETED, EventKind.APP_CREATED, EventKind.APP_DESTROYED, EventKind.RELEASE_CREATED,
            EventKind.INSTANCES_CHANGED);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private final RouteSource source;
    private final RouteStore store;
    private final Duration debounce;
    private final Duration resync;
    private final Map<EventKind, Runnable> listeners;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean relistPending = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean following;
    private volatile Instant lastListing;
    private final java.util.concurrent.CountDownLatch listed = new java.util.concurrent.CountDownLatch(1);

    public RouteSyncer(RouteSource source, RouteStore store, Duration debounce, Duration resync) {
        this(source, store, debounce, resync, Map.of());
    }

    /** {@code listeners}: what else to do on events of other kinds seen on the same stream (TLS changes). */
    public RouteSyncer(RouteSource source, RouteStore store, Duration debounce, Duration resync,
                       Map<EventKind, Runnable> listeners) {
        this.listeners = Map.copyOf(listeners);
        this.source = source;
        this.store = store;
        this.debounce = debounce;
        this.resync = resync;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "route-relist"));
        this.thread = daemon(this::run, "route-sync");
    }

    public RouteSyncer start() {
        thread.start();
        timer.scheduleWithFixedDelay(this::relist, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the change stream is open right now. */
    public boolean following() {
        return following;
    }

    public Instant lastListing() {
        return lastListing;
    }

    private void run() {
        long backoffMs = 100;
        while (!closed) {
            try {
                listNow();
                backoffMs = 100;
                following = true;
                LOG.info("at=info msg=\"following route changes\" event_id={}", store.table().eventId());
                source.follow(store.table().eventId(), this::onEvent);
                LOG.warn("at=warn msg=\"route change stream ended; listing again\"");
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("at=warn msg=\"control plane unreachable; serving the last route table\" error=\"{}\" "
                        + "retry_ms={}", e.getMessage(), backoffMs);
            } finally {
                following = false;
            }
            if (closed || !pause(backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1))) {
                return;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void onEvent(Wire.Event event) {
        EventKind.of(event.kind()).map(listeners::get).ifPresent(Runnable::run);
        if (EventKind.of(event.kind()).filter(TRIGGERS::contains).isPresent() && relistPending.compareAndSet(false, true)) {
            timer.schedule(this::relist, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void relist() {
        relistPending.set(false);
        try {
            listNow();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"route listing failed; serving the last route table\" error=\"{}\"",
                    e.getMessage());
        }
    }

    private void listNow() {
        store.apply(source.list());
        lastListing = Instant.now();
        listed.countDown();
    }

    /**
     * Waits up to {@code within} for the first route table: a router that takes requests before it has one answers
     * every app with 404. False when none came in time (the control plane is away: serving starts without it).
     */
    public boolean awaitFirstListing(Duration within) throws InterruptedException {
        return listed.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        timer.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
