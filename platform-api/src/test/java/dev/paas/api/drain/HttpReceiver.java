package dev.paas.api.drain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Logplex HTTP drain receiver on loopback (the JDK's HttpServer): keeps each POST's headers and frames. */
final class HttpReceiver implements AutoCloseable {
    record Post(Map<String, List<String>> headers, List<String> messages) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;
    /** False from the start of {@link #stop}: a request on a connection still open then is not taken. */
    private volatile boolean up;

    HttpReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            if (!up) {
                exchange.close(); // no response: the sender sees the connection end, as with a dead receiver
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<String> messages;
            try {
                messages = frames(body);
            } catch (RuntimeException e) {
                messages = List.of("UNPARSABLE " + e.getMessage());
            }
            posts.add(new Post(Map.copyOf(exchange.getRequestHeaders()), messages));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        up = true;
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops answering; {@link #start} again serves the same port. */
    void stop() {
        up = false;
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/logs";
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    /** Every message received, in arrival order. */
    List<String> messages() {
        var all = new ArrayList<String>();
        posts.forEach(p -> all.addAll(p.messages()));
        return all;
    }

    /** RFC 6587 octet counting: {@code <length> <message>}, back to back; the length counts bytes. */
    static List<String> frames(byte[] body) {
        var out = new ArrayList<String>();
        int i = 0;
        while (i < body.length) {
            int space = i;
            while (body[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
            out.add(new String(body, space + 1, length, StandardCharsets.UTF_8));
            i = space + 1 + length;
        }
        return out;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
