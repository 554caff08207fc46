package dev.paas.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one kind of request from N concurrent clients, each a platform thread doing one request
 * at a time (closed loop), for a fixed time and at most a fixed number of requests, timing each.
 */
final class LoadGenerator {
    /** Across all clients of one measurement: bounds memory (one long per request) and run time. */
    static final int MAX_REQUESTS = 2_000_000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http;

    LoadGenerator(HttpClient http) {
        this.http = http;
    }

    /** Builds client {@code client}'s {@code n}-th request. */
    interface RequestFactory {
        HttpRequest request(int client, int n);
    }

    Measurement run(String name, int clients, Duration duration, int maxRequests, RequestFactory requests)
            throws InterruptedException {
        int perClient = Math.max(1, Math.min(maxRequests, MAX_REQUESTS) / clients);
        var ready = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var errors = new AtomicLong();
        var firstError = new AtomicReference<String>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        boolean[] reachedCap = new boolean[clients];
        var deadline = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[perClient];
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long[] mine = latencies[client];
                int ok = 0;
                int n = 0;
                for (; n < perClient && System.nanoTime() < deadline.get(); n++) {
                    HttpRequest request = requests.request(client, n);
                    long start = System.nanoTime();
                    String error = send(request);
                    long took = System.nanoTime() - start;
                    if (error == null) {
                        mine[ok++] = took;
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
                counts[client] = ok;
                reachedCap[client] = n == perClient;
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the benchmark's client threads did not start within 30 s");
        }
        long start = System.nanoTime();
        deadline.set(start + duration.toNanos());
        go.countDown();
        // A client finishes at most one request (bounded by its timeout) after the deadline.
        long joinBy = deadline.get() + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            long left = joinBy - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException(name + ": a client did not finish by its deadline");
            }
        }
        long elapsed = System.nanoTime() - start;
        long ok = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) ok];
        int at = 0;
        boolean capped = false;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
            capped |= reachedCap[c];
        }
        return new Measurement(name, clients, ok, errors.get(), elapsed, Percentiles.of(all), capped,
                firstError.get());
    }

    /** Sends and reads the whole response; null on 200, else what went wrong. */
    private String send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return null;
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(300, body.length()));
        } catch (IOException e) {
            return request.method() + " " + request.uri().getPath() + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
