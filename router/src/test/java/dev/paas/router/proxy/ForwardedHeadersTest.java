package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardedHeadersTest {

    /** Request headers in ("name: value" lines), the header to look at after rewriting, its expected value. */
    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("x-forwarded-for is the client", "", "x-forwarded-for", "10.0.0.7"),
                Arguments.of("x-forwarded-for is appended to", "X-Forwarded-For: 1.2.3.4", "x-forwarded-for",
                        "1.2.3.4, 10.0.0.7"),
                Arguments.of("x-forwarded-proto is set, never trusted", "X-Forwarded-Proto: https",
                        "x-forwarded-proto", "http"),
                Arguments.of("x-forwarded-port is the router's", "", "x-forwarded-port", "8080"),
                Arguments.of("x-request-start is the start in ms", "", "x-request-start", "1700000000123"),
                Arguments.of("via is added", "", "via", "1.1 paas-router"),
                Arguments.of("via is appended to", "Via: 1.0 cdn", "via", "1.0 cdn, 1.1 paas-router"),
                Arguments.of("a valid request id passes through", "X-Request-Id: abcdefghij0123456789",
                        "x-request-id", "abcdefghij0123456789"),
                Arguments.of("connection goes", "Connection: keep-alive", "connection", null),
                Arguments.of("keep-alive goes", "Keep-Alive: timeout=5", "keep-alive", null),
                Arguments.of("headers named by connection go", "Connection: X-Hop\nX-Hop: 1", "x-hop", null),
                Arguments.of("te goes", "TE: trailers", "te", null),
                Arguments.of("proxy-authorization goes", "Proxy-Authorization: Basic eA==", "proxy-authorization",
                        null),
                Arguments.of("upgrade goes without a handshake", "Upgrade: h2c", "upgrade", null),
                Arguments.of("end-to-end headers stay", "Authorization: Bearer t", "authorization", "Bearer t"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requests_get_heroku_headers(String name, String in, String header, String expected) {
        HttpHeaders h = headers(in);

        ForwardedHeaders.request(h, "10.0.0.7", 8080, "http", 1700000000123L, false);

        assertThat(h.get(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "request id \"{0}\" is replaced")
    @MethodSource("badIds")
    void invalid_request_ids_are_replaced(String id) {
        HttpHeaders h = headers("X-Request-Id: " + id);

        String used = ForwardedHeaders.request(h, "10.0.0.7", 8080, "http", 0, false);

        assertThat(used).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(h.get("x-request-id")).isEqualTo(used);
    }

    static Stream<String> badIds() {
        return Stream.of("short", "has spaces in it but long enough", "x".repeat(201), "bad;chars;0123456789abc");
    }

    @org.junit.jupiter.api.Test
    void a_websocket_handshake_keeps_upgrade_and_connection() {
        HttpHeaders h = headers("Connection: keep-alive, Upgrade\nUpgrade: websocket");

        ForwardedHeaders.request(h, "10.0.0.7", 8080, "http", 0, ForwardedHeaders.isUpgrade(h));

        assertThat(h.get("upgrade")).isEqualTo("websocket");
        assertThat(h.get("connection")).isEqualToIgnoringCase("upgrade");
    }

    @org.junit.jupiter.api.Test
    void responses_lose_hop_by_hop_headers_and_gain_via() {
        HttpHeaders h = headers("Connection: close, X-Hop\nX-Hop: 1\nKeep-Alive: timeout=5\nContent-Type: text/plain");

        ForwardedHeaders.response(h, false);

        assertThat(h.names()).containsExactlyInAnyOrder("Content-Type", "via");
        assertThat(h.get("via")).isEqualTo("1.1 paas-router");
    }

    @org.junit.jupiter.api.Test
    void a_header_is_repeated_only_when_it_comes_twice() {
        assertThat(ForwardedHeaders.repeated(headers(""), "host")).isFalse();
        assertThat(ForwardedHeaders.repeated(headers("Host: a"), "host")).isFalse();
        assertThat(ForwardedHeaders.repeated(headers("Host: a\nHost: b"), "host")).isTrue();
        assertThat(ForwardedHeaders.repeated(headers("Host: a\nX-Other: b"), "host")).isFalse();
    }

    private static HttpHeaders headers(String lines) {
        var h = new DefaultHttpHeaders();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                int colon = line.indexOf(':');
                h.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return h;
    }
}
