package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.balance.Backend;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.LogLines;
import dev.paas.router.support.RawHttp;
import dev.paas.router.support.StaleConnectionBackend;
import dev.paas.router.support.TestBackend;
import dev.paas.router.support.TestCerts;
import dev.paas.router.support.WebSocketEchoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * However an exchange ends, it is logged once and counted once, and the in-flight gauge returns to
 * zero. Each test ends with a marker request: once its line is in the log, any second line or count
 * for the request under test would have been written before it.
 */
class AccountingTest {
    @TempDir
    Path dir;
    private TestBackend app;
    private StaleConnectionBackend stale;
    private WebSocketEchoBackend ws;
    private final LogLines log = new LogLines();
    private Router router;
    private Client client;
    private HttpClient h2;
    private javax.net.ssl.SSLContext clientTls;

    @BeforeEach
    void appsBehindARouterWithAShortResponseTimeout() throws Exception {
        app = new TestBackend("one");
        stale = new StaleConnectionBackend();
        ws = new WebSocketEchoBackend();
        var routes = new FixedRoutes().app("shop", app.port()).app("flaky", closedPort(), app.port())
                .app("stale", stale.port()).app("chat", ws.port());
        var certs = new TestCerts(dir);
        var fallback = certs.issue("*.paas.test");
        router = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir, "PAAS_ROUTER_RESPONSE_TIMEOUT_MS", "700",
                "PAAS_ROUTER_TLS_CERT", fallback.chainFile().toString(), "PAAS_ROUTER_TLS_KEY",
                fallback.keyFile().toString(), "PAAS_ROUTER_TLS_PORT", "0")), log);
        client = new Client(router.port());
        clientTls = certs.clientContext();
        h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(clientTls).build();
    }

    @AfterEach
    void stop() throws IOException {
        router.close();
        app.close();
        stale.close();
        ws.close();
    }

    @Test
    void a_completed_request_is_logged_and_counted_once() {
        assertThat(client.get("shop.paas.test", "/?case=ok").statusCode()).isEqualTo(200);

        assertAccountedOnce("path=\"/?case=ok\"", "at=info", "status=200", 1);
    }

    @Test
    void a_request_the_client_abandons_is_logged_and_counted_once_as_H27() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            socket.getOutputStream().write("GET /slow?ms=1500 HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Await.until("the request reached the app", Duration.ofSeconds(5), () -> app.requests() == 1);
        }

        assertAccountedOnce("path=\"/slow?ms=1500\"", "code=H27", "status=499", 1);
    }

    @Test
    void a_request_retried_after_a_refused_connection_is_logged_and_counted_once() {
        List<Backend> backends = router.routes().table().lookup("flaky.paas.test").backends();
        // Two backends are always both drawn: a busier web.2 makes the balancer try the refusing web.1 first.
        backends.get(1).begin();
        try {
            assertThat(client.get("flaky.paas.test", "/?case=refused").statusCode()).isEqualTo(200);
        } finally {
            backends.get(1).end();
        }

        assertThat(backends.get(0).down(System.nanoTime())).as("web.1 refused and was marked down").isTrue();
        assertAccountedOnce("path=\"/?case=refused\"", "dyno=web.2", "status=200", 1);
    }

    @Test
    void a_request_retried_after_a_stale_pooled_connection_is_logged_and_counted_once() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            socket.setSoTimeout(5000);
            // One client connection, so both requests run on one event loop and share its backend pool.
            for (String path : new String[] {"/?case=warm", "/?case=stale"}) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: stale.paas.test\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            }
        }

        assertThat(stale.dropped()).as("the pooled connection was closed under the second request").isEqualTo(1);
        assertThat(stale.connections()).isEqualTo(2);
        assertAccountedOnce("path=\"/?case=stale\"", "at=info", "status=200", 2);
    }

    @Test
    void a_request_that_times_out_is_logged_and_counted_once_as_H12() {
        assertThat(client.get("shop.paas.test", "/slow?ms=3000").statusCode()).isEqualTo(503);

        assertAccountedOnce("path=\"/slow?ms=3000\"", "code=H12", "status=503", 1);
    }

    @Test
    void a_websocket_upgrade_is_logged_and_counted_once() throws Exception {
        var socket = client.http().newWebSocketBuilder().header("Host", "chat.paas.test")
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/ws"), new WebSocket.Listener() {
                }).get(5, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        assertAccountedOnce("path=\"/ws\"", "at=info", "status=101", 1);
    }

    @Test
    void an_http2_request_is_logged_and_counted_once() {
        var response = h2Get("/?case=h2");

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertAccountedOnce("path=\"/?case=h2\"", "protocol=https", "status=200", 1);
    }

    @Test
    void http2_requests_sharing_one_connection_are_each_logged_and_counted_once() {
        assertThat(h2Get("/?case=stream-first").statusCode()).isEqualTo(200); // opens the connection the rest share
        var responses = IntStream.range(0, 5).mapToObj(i -> h2.sendAsync(HttpRequest.newBuilder(
                        URI.create("https://shop.paas.test:" + router.tlsPort() + "/?case=stream" + i)).build(),
                HttpResponse.BodyHandlers.ofString())).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
        assertThat(metric("router_connections")).as("the streams shared one connection").isEqualTo(1);
        Await.until("every stream's line", Duration.ofSeconds(10), () -> log.containing("case=stream").size() == 6);
        assertAccountedOnce("path=\"/?case=stream4\"", "at=info", "status=200", 6);
    }

    @Test
    void an_http2_request_whose_connection_the_client_drops_is_logged_and_counted_once_as_H27() {
        var abandoning = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(clientTls).build();
        abandoning.sendAsync(HttpRequest.newBuilder(URI.create("https://shop.paas.test:" + router.tlsPort()
                + "/slow?ms=1500")).build(), HttpResponse.BodyHandlers.ofString());
        Await.until("the request reached the app", Duration.ofSeconds(5), () -> app.requests() == 1);

        abandoning.shutdownNow();

        assertAccountedOnce("path=\"/slow?ms=1500\"", "code=H27", "status=499", 1);
    }

    @Test
    void an_http2_request_that_times_out_is_logged_and_counted_once_as_H12() {
        assertThat(h2Get("/slow?ms=3000").statusCode()).isEqualTo(503);

        assertAccountedOnce("path=\"/slow?ms=3000\"", "code=H12", "status=503", 1);
    }

    private HttpResponse<String> h2Get(String path) {
        return HttpsTest.send(h2, HttpRequest.newBuilder(URI.create("https://shop.paas.test:" + router.tlsPort()
                + path)).build());
    }

    /**
     * The request whose line contains {@code path} has exactly one line, with {@code want} and
     * {@code status} in it; the router counted {@code exchanges} requests before the marker, and has none in
     * flight.
     */
    private void assertAccountedOnce(String path, String want, String status, int exchanges) {
        Await.until("the line for " + path, Duration.ofSeconds(10), () -> !log.containing(path).isEmpty());
        Await.until("nothing in flight", Duration.ofSeconds(10), () -> metric("router_requests_in_flight") == 0);
        assertThat(client.get("shop.paas.test", "/?marker").statusCode()).isEqualTo(200);
        Await.until("the marker's line", Duration.ofSeconds(10), () -> !log.containing("path=\"/?marker\"").isEmpty());

        assertThat(log.containing(path)).singleElement().asString().contains(want, status);
        assertThat(log.all()).hasSize(exchanges + 1);
        assertThat(metric("router_requests_total")).isEqualTo(exchanges + 1);
        assertThat(metric("router_requests_in_flight")).isZero();
    }

    private long metric(String name) {
        String body = new Client(router.admin().port()).get("127.0.0.1", "/metrics").body();
        var m = Pattern.compile("(?m)^" + name + " (-?\\d+)$").matcher(body);
        assertThat(m.find()).as(name + " in " + body).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // nothing listens here once it is closed: connections are refused
        }
    }
}
