package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseHeadTest {

    /** status, backend header ("" none; "length" or "chunked"), method, client version, request complete. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a sized body stays sized", 200, "length", "GET", "1.1", true, "length", true),
                Arguments.of("chunked stays chunked for 1.1", 200, "chunked", "GET", "1.1", true, "chunked", true),
                Arguments.of("a body until close is chunked for 1.1", 200, "", "GET", "1.1", true, "chunked", true),
                Arguments.of("a body of unknown length ends the 1.0 connection", 200, "chunked", "GET", "1.0", true,
                        "", false),
                Arguments.of("a sized body keeps a 1.0 connection", 200, "length", "GET", "1.0", true, "length", true),
                Arguments.of("HEAD has no body to frame", 200, "", "HEAD", "1.1", true, "", true),
                Arguments.of("204 has no body to frame", 204, "", "DELETE", "1.1", true, "", true),
                Arguments.of("304 has no body to frame", 304, "", "GET", "1.1", true, "", true),
                Arguments.of("an answer before the whole request ends the connection", 413, "length", "POST", "1.1",
                        false, "length", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framing_and_keep_alive_follow_the_client(String name, int status, String framing, String method,
                                                  String version, boolean requestComplete, String expectedFraming,
                                                  boolean expectedKeepAlive) {
        var backend = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        if (framing.equals("length")) {
            backend.headers().set("content-length", "5");
        } else if (framing.equals("chunked")) {
            backend.headers().set("transfer-encoding", "chunked");
        }
        backend.headers().set("connection", "keep-alive");
        HttpVersion client = HttpVersion.valueOf("HTTP/" + version);

        var head = ResponseHead.of(backend, HttpMethod.valueOf(method), client, true, requestComplete);

        var h = head.response().headers();
        assertThat(h.contains("transfer-encoding")).as("chunked").isEqualTo(expectedFraming.equals("chunked"));
        assertThat(h.contains("content-length")).as("length").isEqualTo(expectedFraming.equals("length"));
        assertThat(head.keepAlive()).isEqualTo(expectedKeepAlive);
        assertThat(h.get("via")).isEqualTo("1.1 paas-router");
        if (!expectedKeepAlive) {
            assertThat(h.get("connection")).isEqualTo("close");
        } else if (version.equals("1.0")) {
            assertThat(h.get("connection")).isEqualTo("keep-alive");
        } else {
            assertThat(h.contains("connection")).isFalse();
        }
    }
}
