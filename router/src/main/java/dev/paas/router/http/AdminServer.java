package dev.paas.router.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paas.router.route.RouteStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The operators' port, on loopback: {@code GET /healthz} and {@code GET /metrics}. */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;

    public AdminServer(int port, Metrics metrics, RouteStore routes, BooleanSupplier following) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", ex -> {
            var table = routes.table();
            int backends = table.apps().stream().mapToInt(a -> a.backends().size()).sum();
            respond(ex, 200, "application/json", "{\"status\":\"ok\",\"apps\":" + table.apps().size()
                    + ",\"hostnames\":" + table.hosts().size() + ",\"backends\":" + backends
                    + ",\"event_id\":" + table.eventId() + ",\"following_changes\":" + following.getAsBoolean()
                    + ",\"requests\":" + metrics.requests() + "}");
        });
        server.createContext("/metrics", ex -> respond(ex, 200, dev.paas.common.metrics.PrometheusText.CONTENT_TYPE, metrics.prometheus(routes.table())));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
