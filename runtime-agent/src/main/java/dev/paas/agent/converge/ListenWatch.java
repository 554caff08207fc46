package dev.paas.agent.converge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a pass the moment a starting web process accepts connections, rather than at the next pass of a busy
 * host (a quarter of a second later, and a deploy waits on it): the own address of each web container the last
 * pass found starting is tried every {@code every} (a local connect, refused at once while nothing listens), and
 * the first time one accepts, a pass is woken to see it up. Once per container: what its health checks make of
 * it is the prober's to say. A container is tried every {@code every} for its first {@link #FAST_FOR} (most web
 * processes listen by then), then every {@link #SLOW_EVERY}: processes of a tenant that never listen until their
 * boot timeout cost the agent a few connects a second each, not fifty.
 */
final class ListenWatch implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 200;
    static final Duration FAST_FOR = Duration.ofSeconds(3);
    static final Duration SLOW_EVERY = Duration.ofMillis(250);
    private final Runnable wake;
    private final Duration every;
    private final Map<String, Target> starting = new ConcurrentHashMap<>();
    /** Seen accepting once: not tried again, however long its checks keep it starting. */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Semaphore changed = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    ListenWatch(Runnable wake, Duration every) {
        this.wake = wake;
        this.every = every;
        this.thread = Thread.ofVirtual().name("listen-watch").start(this::run);
    }

    /** The web containers (id to their own address) a pass left starting: these are tried from now on. */
    void watch(Map<String, InetSocketAddress> startingNow) {
        accepted.retainAll(startingNow.keySet());
        starting.keySet().retainAll(startingNow.keySet());
        long now = System.nanoTime();
        startingNow.forEach((id, address) -> {
            if (!accepted.contains(id)) {
                starting.compute(id, (k, known) -> known != null && known.address().equals(address) ? known
                        : new Target(address, now, now));
            }
        });
        changed.release();
    }

    private void run() {
        try {
            while (!closed) {
                if (starting.isEmpty()) {
                    changed.acquire();
                    changed.drainPermits();
                    continue;
                }
                boolean any = false;
                long now = System.nanoTime();
                for (var entry : Map.copyOf(starting).entrySet()) {
                    var target = entry.getValue();
                    if (!due(Duration.ofNanos(now - target.since()), Duration.ofNanos(now - target.tried()), every)) {
                        continue;
                    }
                    boolean accepting = accepts(target.address());
                    if (accepting && starting.remove(entry.getKey(), target)) {
                        accepted.add(entry.getKey());
                        any = true;
                    } else if (!accepting) {
                        starting.replace(entry.getKey(), target, new Target(target.address(), target.since(), now));
                    }
                }
                if (any) {
                    wake.run();
                }
                changed.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException stop) {
            // the agent stops
        }
    }

    /** Whether a container watched for {@code watched} and last tried {@code sinceTry} ago is tried now. */
    static boolean due(Duration watched, Duration sinceTry, Duration every) {
        return watched.compareTo(FAST_FOR) < 0 || sinceTry.compareTo(SLOW_EVERY.minus(every)) >= 0;
    }

    /** A watched container: its address, when it was first watched and last tried (System.nanoTime). */
    private record Target(InetSocketAddress address, long since, long tried) {}

    private static boolean accepts(InetSocketAddress address) {
        try (var socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
