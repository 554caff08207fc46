package dev.paas.agent;

import dev.paas.client.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Clients that do what a router does, without one: read the route table, send a request straight to a
 * process it names, count what was served and what failed. Tests of deploys and restarts under load use it.
 */
final class RouteTableLoad implements AutoCloseable {
    private static final int CLIENTS = 4;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<List<Wire.RouteBackend>> routes;
    private final AtomicInteger served = new AtomicInteger();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> routedReleases = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean going = new AtomicBoolean(true);
    private final List<Thread> clients;

    /** A failed request, the process it went to, and how long after reading the route table it failed. */
    record Failure(String text, Wire.RouteBackend backend, Duration sinceRead) {
        @Override
        public String toString() {
            return text + " (" + sinceRead.toMillis() + " ms after reading the route table)";
        }
    }

    /** Starts the clients; they run until {@link #close()} (or 100,000 requests each). */
    RouteTableLoad(Supplier<List<Wire.RouteBackend>> routes) {
        this.routes = routes;
        this.clients = IntStream.range(0, CLIENTS).mapToObj(n -> Thread.ofVirtual().start(() -> {
            for (int i = 0; going.get() && i < 100_000; i++) {
                request();
            }
        })).toList();
    }

    int served() {
        return served.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The release of every process a request was sent to. */
    List<Integer> routedReleases() {
        return List.copyOf(routedReleases);
    }

    private void request() {
        long read = System.nanoTime();
        var routed = routes.get();
        if (routed.isEmpty()) {
            failures.add(new Failure("no backend routed", null, Duration.ZERO));
            return;
        }
        var backend = routed.get(served.get() % routed.size());
        routedReleases.add(backend.release());
        String at = backend.dyno() + "@" + backend.port() + " v" + backend.release();
        try {
            int status;
            try {
                status = send(backend);
            } catch (java.io.IOException reset) {
                // The engine's port proxy has been seen to close a connection unanswered while it rewires
                // another container's ports (a start or removal nearby), with the process alive behind it.
                // Asked again at once, a live process answers and a stopped one does not: so a process the
                // agent stopped while it was routed still fails here, as a router's retry would find.
                status = send(backend);
            }
            if (status == 200) {
                served.incrementAndGet();
            } else {
                failures.add(new Failure(at + " at " + Instant.now() + ": status " + status, backend,
                        Duration.ofNanos(System.nanoTime() - read)));
            }
        } catch (Exception e) {
            failures.add(new Failure(at + " at " + Instant.now() + ": " + e, backend,
                    Duration.ofNanos(System.nanoTime() - read)));
        }
    }

    private int send(Wire.RouteBackend backend) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + backend.host() + ":" + backend.port() + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Stops the clients and waits for them. */
    @Override
    public void close() throws InterruptedException {
        going.set(false);
        for (Thread c : clients) {
            c.join(Duration.ofSeconds(10));
        }
    }
}
