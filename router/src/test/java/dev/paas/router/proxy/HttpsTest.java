package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Client;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.RawHttp;
import dev.paas.router.support.TestBackend;
import dev.paas.router.support.TestCerts;
import dev.paas.router.support.TlsFeed;
import dev.paas.router.support.WebSocketEchoBackend;
import dev.paas.router.tls.TlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through a real router on loopback, with certificates from a test CA: the default one for
 * {@code *.paas.test}, an app's own for {@code www.shop.test} from the feed file. Names under .test
 * resolve to 127.0.0.1 (support.TestNames), so clients send them as SNI and check them.
 */
class HttpsTest {
    @TempDir
    Path dir;
    private TestBackend app;
    private WebSocketEchoBackend ws;
    private TestCerts certs;
    private TestCerts.Issued fallback;
    private TestCerts.Issued shopCert;
    private TlsFeed feed;
    private FixedRoutes routes;
    private Router router;
    private HttpClient https;

    @BeforeEach
    void aRouterWithADefaultCertificateAndOneAppCertificate() throws Exception {
        app = new TestBackend("one");
        ws = new WebSocketEchoBackend();
        certs = new TestCerts(dir);
        fallback = certs.issue("*.paas.test", "paas.test");
        shopCert = certs.issue("www.shop.test");
        routes = new FixedRoutes().app("shop", app.port()).domain("www.shop.test")
                .app("secure", app.port()).domain("www.secure.test").app("chat", ws.port());
        feed = new TlsFeed(dir.resolve("tls.json")).certificate(shopCert, "www.shop.test")
                .certificate(certs.issue("www.secure.test"), "www.secure.test")
                .policy(routes.appId("secure"), true, true);
        router = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir,
                "PAAS_ROUTER_TLS_CERT", fallback.chainFile().toString(),
                "PAAS_ROUTER_TLS_KEY", fallback.keyFile().toString(),
                "PAAS_ROUTER_TLS_PORT", "0",
                "PAAS_ROUTER_TLS_FILE", feed.file().toString())));
        https = client(HttpClient.Version.HTTP_2);
    }

    @AfterEach
    void stop() {
        router.close();
        app.close();
        ws.close();
    }

    @Test
    void sni_picks_the_apps_own_certificate_for_its_hostname_and_the_default_one_for_others() {
        var own = get("www.shop.test", "/");
        var other = get("shop.paas.test", "/");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(serial(own)).isEqualTo(shopCert.leaf().getSerialNumber());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(serial(other)).isEqualTo(fallback.leaf().getSerialNumber());
    }

    @Test
    void tls_1_0_and_1_1_are_refused_while_1_2_and_1_3_are_served() {
        String connect = "127.0.0.1:" + router.tlsPort();
        // The client's security level is lowered so that it offers the old versions at all.
        for (String old : List.of("-tls1", "-tls1_1")) {
            assertThat(TestCerts.run(false, null, "s_client", "-connect", connect, "-servername", "www.shop.test",
                    old, "-cipher", "DEFAULT@SECLEVEL=0")).as(old).isNotZero();
        }
        for (String current : List.of("-tls1_2", "-tls1_3")) {
            assertThat(TestCerts.run(false, null, "s_client", "-connect", connect, "-servername", "www.shop.test",
                    current)).as(current).isZero();
        }
    }

    @Test
    void http2_is_negotiated_by_alpn_and_requests_reach_the_http_1_1_backend() {
        var response = get("www.shop.test", "/");
        byte[] body = TestBackend.pattern(300_000);
        var upload = send(https, HttpRequest.newBuilder(uri("www.shop.test", "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).contains("backend=one", "host: www.shop.test:" + router.tlsPort())
                .doesNotContain("x-http2");
        var crc = new CRC32();
        crc.update(body);
        assertThat(upload.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upload.body()).isEqualTo("bytes=" + body.length + " crc=" + crc.getValue());
    }

    @Test
    void a_large_download_streams_whole_over_http2_within_its_flow_control() throws Exception {
        int size = 8 * 1024 * 1024;
        var response = https.send(HttpRequest.newBuilder(uri("www.shop.test", "/download?bytes=" + size)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).hasSize(size);
        byte[] block = TestBackend.pattern(64 * 1024);
        for (int offset = 0; offset < size; offset += block.length) {
            assertThat(java.util.Arrays.equals(response.body(), offset, offset + block.length, block, 0,
                    block.length)).as("block at " + offset).isTrue();
        }
    }

    @Test
    void a_client_without_http2_is_served_http_1_1_over_tls() {
        var response = send(client(HttpClient.Version.HTTP_1_1),
                HttpRequest.newBuilder(uri("www.shop.test", "/")).build());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("backend=one");
    }

    @Test
    void a_websocket_echoes_over_tls() throws Exception {
        var received = new CompletableFuture<String>();
        WebSocket socket = https.newWebSocketBuilder()
                .buildAsync(URI.create("wss://chat.paas.test:" + router.tlsPort() + "/ws"), new WebSocket.Listener() {
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
    void the_app_is_told_https_and_the_port_over_tls_and_http_on_the_plain_port() {
        String overTls = get("www.shop.test", "/").body();
        String plain = new Client(router.port()).get("www.shop.test", "/", "X-Forwarded-Proto", "https").body();

        assertThat(overTls).contains("x-forwarded-proto: https\n", "x-forwarded-port: " + router.tlsPort() + "\n");
        assertThat(plain).contains("x-forwarded-proto: http\n", "x-forwarded-port: " + router.port() + "\n");
    }

    @Test
    void an_app_that_wants_https_is_redirected_from_http_with_308_and_gets_hsts_over_https() {
        var plain = new Client(router.port());
        var redirected = plain.get("www.secure.test", "/cart?item=2");
        var secure = get("www.secure.test", "/");

        assertThat(redirected.statusCode()).isEqualTo(308);
        assertThat(redirected.headers().firstValue("location"))
                .hasValue("https://www.secure.test:" + router.tlsPort() + "/cart?item=2");
        assertThat(app.requests()).as("only the HTTPS request reached the app").isEqualTo(1);
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
    }

    @Test
    void an_app_without_the_options_is_neither_redirected_nor_sent_hsts() {
        var plain = new Client(router.port()).get("www.shop.test", "/");
        var secure = get("www.shop.test", "/");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(secure.headers().firstValue("strict-transport-security")).isEmpty();
    }

    @Test
    void acme_challenges_are_answered_on_plain_http_before_redirects_and_routing() {
        feed.challenge("tok-123", "tok-123.thumbprint");
        router.tls().refresh();
        var plain = new Client(router.port());

        var known = plain.get("www.secure.test", "/.well-known/acme-challenge/tok-123");
        var unknown = plain.get("www.secure.test", "/.well-known/acme-challenge/other");
        var unrouted = plain.get("no-app.example.test", "/.well-known/acme-challenge/tok-123");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEqualTo("tok-123.thumbprint");
        assertThat(known.headers().firstValue("content-type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unrouted.statusCode()).isEqualTo(200);
        assertThat(app.requests()).isZero();
    }

    @Test
    void a_new_certificate_applies_to_new_handshakes_while_open_connections_keep_their_session() throws Exception {
        try (var before = (SSLSocket) certs.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", router.tlsPort())) {
            var params = before.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName("www.shop.test")));
            before.setSSLParameters(params);
            before.setSoTimeout(10_000);
            assertThat(rawGet(before).status()).isEqualTo(200);
            var renewed = certs.issue("www.shop.test");

            feed.clearCertificates().certificate(renewed, "www.shop.test");
            router.tls().refresh();

            assertThat(serial(get("www.shop.test", "/"))).isEqualTo(renewed.leaf().getSerialNumber());
            assertThat(rawGet(before).status()).as("the connection from before the change").isEqualTo(200);
            assertThat(((X509Certificate) before.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .isEqualTo(shopCert.leaf().getSerialNumber());
        }
    }

    @Test
    void a_certificate_that_cannot_be_served_is_skipped_and_the_others_still_are() {
        var other = certs.issue("mismatch.test");
        feed.certificate("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n",
                        "garbage", "garbage.test")
                .certificate(other.chainPem(), shopCert.keyPem(), "mismatch.test");

        router.tls().refresh();

        assertThat(router.tls().table().exact()).containsOnlyKeys("www.shop.test", "www.secure.test");
        var own = get("www.shop.test", "/");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(serial(own)).isEqualTo(shopCert.leaf().getSerialNumber());
    }

    @Test
    void boringssl_serves_the_handshakes_where_it_loads_and_picks_each_certificate_by_sni() {
        assertThat(OpenSsl.isAvailable()).as("BoringSSL loads here: %s", OpenSsl.unavailabilityCause()).isTrue();
        assertThat(router.tls().map("www.shop.test")).isInstanceOf(OpenSslContext.class);
        assertThat(router.tls().map("shop.paas.test")).isInstanceOf(OpenSslContext.class);

        var own = get("www.shop.test", "/");
        var other = get("shop.paas.test", "/");

        assertThat(serial(own)).isEqualTo(shopCert.leaf().getSerialNumber());
        assertThat(serial(other)).isEqualTo(fallback.leaf().getSerialNumber());
        assertThat(own.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(new TlsContexts(false).describe()).startsWith("openssl version=");
    }

    @Test
    void with_the_jdks_tls_instead_of_boringssl_sni_and_http2_work_the_same() throws Exception {
        try (var jdk = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir,
                "PAAS_ROUTER_TLS_CERT", fallback.chainFile().toString(),
                "PAAS_ROUTER_TLS_KEY", fallback.keyFile().toString(),
                "PAAS_ROUTER_TLS_PORT", "0", "PAAS_ROUTER_TLS_PROVIDER", "jdk",
                "PAAS_ROUTER_TLS_FILE", feed.file().toString())))) {
            var own = send(https, HttpRequest.newBuilder(URI.create("https://www.shop.test:" + jdk.tlsPort() + "/"))
                    .build());
            var other = send(https, HttpRequest.newBuilder(URI.create("https://shop.paas.test:" + jdk.tlsPort()
                    + "/")).build());

            assertThat(jdk.tls().map("www.shop.test")).isInstanceOf(JdkSslContext.class);
            assertThat(own.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(serial(own)).isEqualTo(shopCert.leaf().getSerialNumber());
            assertThat(serial(other)).isEqualTo(fallback.leaf().getSerialNumber());
            assertThat(TestCerts.run(false, null, "s_client", "-connect", "127.0.0.1:" + jdk.tlsPort(),
                    "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")).as("TLS 1.1").isNotZero();
        }
    }

    @Test
    void a_default_certificate_that_cannot_be_read_or_served_stops_the_start_naming_the_variables() {
        var other = certs.issue("other.paas.test");

        assertThatThrownBy(() -> Router.start(RouterConfig.fromEnv(routes.routerEnv(dir,
                "PAAS_ROUTER_TLS_CERT", dir.resolve("missing.crt").toString(),
                "PAAS_ROUTER_TLS_KEY", fallback.keyFile().toString(), "PAAS_ROUTER_TLS_PORT", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> Router.start(RouterConfig.fromEnv(routes.routerEnv(dir,
                "PAAS_ROUTER_TLS_CERT", fallback.chainFile().toString(),
                "PAAS_ROUTER_TLS_KEY", other.keyFile().toString(), "PAAS_ROUTER_TLS_PORT", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PAAS_ROUTER_TLS_CERT")
                .hasMessageContaining("the private key does not belong to the certificate");
    }

    private static RawHttp.Response rawGet(SSLSocket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: www.shop.test\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream());
    }

    private HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(certs.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + router.tlsPort() + path);
    }

    private HttpResponse<String> get(String host, String path) {
        return send(https, HttpRequest.newBuilder(uri(host, path)).build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial(HttpResponse<?> response) {
        try {
            return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
        }
    }
}
