package dev.paas.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The builder asks the API as each pusher: one client per push must not mean one HTTP client per push. */
class WithTokenTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/account", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"id\":\"7d0a4c1e-2b1a-4c55-9a55-4a4b8a1d2c3e\",\"email\":\"pusher@example.com\","
                    + "\"admin\":false,\"created_at\":\"2026-11-30T10:00:00Z\","
                    + "\"updated_at\":\"2026-11-30T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_client_with_another_token_asks_as_that_token() {
        var builder = new PlatformClient(url(), "builder-token");

        var account = builder.withToken("pusher-token").account();

        assertThat(account.email()).isEqualTo("pusher@example.com");
        assertThat(authorizations).containsExactly("Bearer pusher-token");
    }

    @Test
    void clients_with_other_tokens_share_one_http_client_and_its_selector_thread() {
        var builder = new PlatformClient(url(), "builder-token");
        builder.account();
        long selectorsBefore = selectorThreads();

        for (int push = 0; push < 20; push++) {
            builder.withToken("pusher-" + push).account();
        }

        // At most as many: another test's idle client may have been collected meanwhile, never one more per push.
        assertThat(selectorThreads()).isLessThanOrEqualTo(selectorsBefore);
        assertThat(authorizations).hasSize(21).endsWith("Bearer pusher-19");
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().endsWith("SelectorManager")).count();
    }
}
