package dev.paas.agent.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paas.client.Json;
import dev.paas.common.metrics.PrometheusText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: 200 while the agent is registered and its loop completes passes, 503 with
 * the reason otherwise. It is how {@code bin/platform} knows the agent is ready, and how a
 * supervisor knows it is stuck. {@code GET /metrics}: each process's memory and CPU, Prometheus text.
 * Bound to loopback by default: containers must not reach it.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(InetSocketAddress address, AgentHealth health, Duration staleAfter, Clock clock)
            throws IOException {
        this(address, health, staleAfter, clock, () -> new PrometheusText().jvm().toString());
    }

    /** {@code metrics}: the body of {@code GET /metrics}, Prometheus text. */
    public HealthServer(InetSocketAddress address, AgentHealth health, Duration staleAfter, Clock clock,
                        Supplier<String> metrics) throws IOException {
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "health-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", ex -> {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(ex, 405, new Body("error", "only GET /healthz"));
                return;
            }
            var verdict = health.verdict(clock.instant(), staleAfter);
            respond(ex, verdict.healthy() ? 200 : 503,
                    new Body(verdict.healthy() ? "ok" : "unhealthy", verdict.reason()));
        });
        server.createContext("/metrics", ex -> {
            byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private record Body(String status, String reason) {
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, Body body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
