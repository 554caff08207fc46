package dev.paas.router.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * An app's web process for tests, on 127.0.0.1: {@code /} answers with its name and the request
 * headers it got, {@code /slow?ms=}, {@code /download?bytes=} (streamed, chunked), {@code /upload}
 * (counts and checksums the body).
 */
public final class TestBackend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    public TestBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            URI uri = ex.getRequestURI();
            Map<String, String> query = query(uri.getRawQuery());
            ex.getResponseHeaders().set("X-Backend", name);
            switch (uri.getPath()) {
                case "/slow" -> {
                    pause(Long.parseLong(query.getOrDefault("ms", "1000")));
                    text(ex, 200, "slow " + name);
                }
                case "/download" -> download(ex, Long.parseLong(query.getOrDefault("bytes", "0")));
                case "/upload" -> upload(ex);
                case "/status" -> text(ex, Integer.parseInt(query.getOrDefault("code", "200")), "status");
                default -> {
                    var body = new StringBuilder("backend=" + name + "\n");
                    new TreeMap<>(ex.getRequestHeaders()).forEach((k, v) ->
                            body.append(k.toLowerCase()).append(": ").append(String.join(",", v)).append('\n'));
                    ex.getRequestBody().readAllBytes();
                    text(ex, 200, body.toString());
                }
            }
        }
    }

    private static void download(HttpExchange ex, long bytes) throws IOException {
        ex.sendResponseHeaders(200, 0);
        byte[] block = pattern(64 * 1024);
        try (OutputStream out = ex.getResponseBody()) {
            long left = bytes;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
    }

    private static void upload(HttpExchange ex) throws IOException {
        var crc = new CRC32();
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
                total += n;
            }
        }
        text(ex, 200, "bytes=" + total + " crc=" + crc.getValue());
    }

    /** The bytes /download sends, repeated: byte i is i mod 251. */
    public static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        var map = new TreeMap<String, String>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return map;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // the app's own slowness, which the test is about
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
