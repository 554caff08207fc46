package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.LateBodyBackend;
import dev.paas.router.support.RawHttp;
import dev.paas.router.support.TestBackend;
import dev.paas.router.support.WebSocketEchoBackend;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the router speaks HTTP to clients and apps, over a fixed route table. */
class ProtocolTest {
    @TempDir
    Path dir;
    private FixedRoutes routes;
    private TestBackend app;
    private WebSocketEchoBackend ws;
    private LateBodyBackend late;
    private Router router;
    private Client client;

    @BeforeEach
    void anAppBehindARouterWithShortTimeouts() throws Exception {
        app = new TestBackend("one");
        ws = new WebSocketEchoBackend();
        late = new LateBodyBackend(Duration.ofMillis(1500));
        routes = new FixedRoutes().app("shop", app.port()).app("chat", ws.port()).app("late", late.port());
        router = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir, "PAAS_ROUTER_RESPONSE_TIMEOUT_MS", "700",
                "PAAS_ROUTER_HEADER_TIMEOUT_MS", "500", "PAAS_ROUTER_MAX_HEADER_BYTES", "4096",
                "PAAS_ROUTER_MAX_REQUEST_LINE", "2048")));
        client = new Client(router.port());
        Await.until("both apps route", Duration.ofSeconds(2),
                () -> router.routes().table().lookup("shop.paas.test") != null
                        && router.routes().table().lookup("chat.paas.test") != null
                        && !router.routes().table().lookup("chat.paas.test").backends().isEmpty()
                        && router.routes().table().lookup("late.paas.test") != null);
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        app.close();
        ws.close();
        late.close();
    }

    @Test
    void the_app_gets_heroku_forwarded_headers_and_no_hop_by_hop_ones() {
        var response = client.get("shop.paas.test", "/", "X-Forwarded-For", "203.0.113.9",
                "X-Request-Id", "client-chosen-request-id-0001", "X-Secret-Hop", "1", "Connection", "X-Secret-Hop",
                "Proxy-Authorization", "Basic Zm9vOmJhcg==");

        assertThat(response.body()).contains("x-forwarded-for: 203.0.113.9, 127.0.0.1\n",
                "x-forwarded-proto: http\n", "x-forwarded-port: " + router.port() + "\n",
                "x-request-id: client-chosen-request-id-0001\n", "via: 1.1 paas-router\n", "x-request-start: ");
        assertThat(response.body()).doesNotContain("x-secret-hop", "proxy-authorization");
        long start = Long.parseLong(response.body().replaceAll("(?s).*x-request-start: (\\d+).*", "$1"));
        assertThat(start).isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis());
    }

    @Test
    void an_invalid_request_id_is_replaced_by_a_generated_one() {
        var response = client.get("shop.paas.test", "/", "X-Request-Id", "bad id");

        assertThat(response.body()).containsPattern("x-request-id: [0-9a-f-]{36}\n").doesNotContain("bad id");
    }

    @Test
    void a_websocket_echoes_through_the_router() throws Exception {
        var received = new CompletableFuture<String>();
        WebSocket socket = client.http().newWebSocketBuilder().header("Host", "chat.paas.test")
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.complete(data.toString());
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);

        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);

        assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("echo: hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_large_upload_streams_through_whole() {
        long size = 48L * 1024 * 1024;
        byte[] block = TestBackend.pattern(64 * 1024);
        var crc = new CRC32();
        for (long sent = 0; sent < size; sent += block.length) {
            crc.update(block);
        }
        var body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> new RepeatingStream(block, size)));

        var response = client.send(client.request("shop.paas.test", "/upload").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("bytes=" + size + " crc=" + crc.getValue());
    }

    @Test
    void a_large_chunked_download_streams_through_whole() throws Exception {
        long size = 48L * 1024 * 1024;

        var response = client.send(client.request("shop.paas.test", "/download?bytes=" + size).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        long total = 0;
        byte[] expected = TestBackend.pattern(64 * 1024);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                assertThat(Arrays.equals(buf, 0, n, expected, 0, n)).as("bytes at " + total).isTrue();
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
    }

    @Test
    void a_response_head_reaches_the_client_before_a_late_body_exists() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()), 2000);
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: late.paas.test\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            int first = in.read();
            long headMillis = (System.nanoTime() - start) / 1_000_000;
            var whole = new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) first}), in);
            var response = RawHttp.read(whole);
            long bodyMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(LateBodyBackend.BODY);
            assertThat(headMillis).as("the head came with the app's, not with its body").isLessThan(1000);
            assertThat(bodyMillis).isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    void a_request_head_reaches_the_app_before_its_body_is_sent() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()), 2000);
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200); // now a pooled connection
            out.write("POST / HTTP/1.1\r\nHost: shop.paas.test\r\nContent-Length: 5\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            Await.until("the app has the request head", Duration.ofSeconds(3), () -> app.requests() == 2);
            out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void an_app_that_does_not_answer_in_time_gets_503_H12() {
        long start = System.nanoTime();

        var response = client.get("shop.paas.test", "/slow?ms=3000");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(client.get("shop.paas.test", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_requests_get_400_and_never_reach_the_app() throws Exception {
        assertThat(RawHttp.exchange(router.port(), "GARBAGE\r\n\r\n").status()).isEqualTo(400);
        assertThat(RawHttp.exchange(router.port(), "GET / HTTP/1.1\r\nHost: shop.paas.test\r\nContent-Length: abc\r\n\r\n")
                .status()).isEqualTo(400);
        assertThat(RawHttp.exchange(router.port(), "GET / HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
        assertThat(RawHttp.exchange(router.port(), "GET http://elsewhere.example/ HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n")
                .status()).isEqualTo(400);
        assertThat(RawHttp.exchange(router.port(), "GET / HTTP/1.1\r\nHost: shop.paas.test\r\nHost: x\r\n\r\n")
                .status()).isEqualTo(400);
        assertThat(RawHttp.exchange(router.port(), "GET / HTTP/1.1\r\nHost: shop.paas.test\r\nBad Header: 1\r\n\r\n")
                .status()).isEqualTo(400);

        assertThat(app.requests()).isZero();
    }

    @Test
    void oversized_request_lines_and_headers_are_refused() throws Exception {
        String longPath = "/" + "a".repeat(4000);
        String bigHeader = "X-Big: " + "b".repeat(8000) + "\r\n";

        assertThat(RawHttp.exchange(router.port(), "GET " + longPath + " HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n")
                .status()).isEqualTo(414);
        assertThat(RawHttp.exchange(router.port(), "GET / HTTP/1.1\r\nHost: shop.paas.test\r\n" + bigHeader + "\r\n")
                .status()).isEqualTo(431);
        assertThat(app.requests()).isZero();
    }

    @Test
    void a_client_that_sends_its_headers_too_slowly_is_cut_off() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: shop.paas.test\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            int read = socket.getInputStream().read();

            assertThat(read).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(app.requests()).isZero();
    }

    @Test
    void a_client_that_expects_100_continue_gets_it_and_its_body_reaches_the_app() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: shop.paas.test\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var in = socket.getInputStream();

            assertThat(RawHttp.read(in).status()).isEqualTo(100);
            socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            var response = RawHttp.read(in);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("bytes=5 ");
        }
    }

    @Test
    void keep_alive_connections_carry_many_requests_and_pipelined_ones_answer_in_order() throws Exception {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            socket.setSoTimeout(5000);
            String request = "GET /status?code=%d HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n";
            socket.getOutputStream().write((request.formatted(201) + request.formatted(202) + request.formatted(203))
                    .getBytes(StandardCharsets.US_ASCII));
            var in = socket.getInputStream();

            assertThat(RawHttp.read(in).status()).isEqualTo(201);
            assertThat(RawHttp.read(in).status()).isEqualTo(202);
            assertThat(RawHttp.read(in).status()).isEqualTo(203);
        }
    }

    @Test
    void connections_beyond_the_limit_are_closed() throws Exception {
        try (var limited = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir, "PAAS_ROUTER_MAX_CONNECTIONS", "2")));
             var a = new Socket("127.0.0.1", limited.port()); var b = new Socket("127.0.0.1", limited.port())) {
            Await.until("the limited router has its table", Duration.ofSeconds(2),
                    () -> limited.routes().table().lookup("shop.paas.test") != null);
            for (Socket open : new Socket[] {a, b}) {
                open.setSoTimeout(5000);
                open.getOutputStream().write("GET / HTTP/1.1\r\nHost: shop.paas.test\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(open.getInputStream()).status()).isEqualTo(200);
            }

            try (var c = new Socket("127.0.0.1", limited.port())) {
                c.setSoTimeout(5000);
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    /** {@code size} bytes of {@code block} over and over, without holding them all. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] block;
        private long left;
        private int pos;

        RepeatingStream(byte[] block, long size) {
            this.block = block;
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, block.length - pos), left);
            System.arraycopy(block, pos, b, off, n);
            pos = (pos + n) % block.length;
            left -= n;
            return n;
        }
    }
}
