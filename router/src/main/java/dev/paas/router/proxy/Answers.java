package dev.paas.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The router's own answers that are not errors: ACME challenge answers and redirects to HTTPS. */
final class Answers {
    private Answers() {
    }

    static FullHttpResponse text(HttpResponseStatus status, String body) {
        var bytes = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, bytes);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .set(HttpHeaderNames.VIA, ForwardedHeaders.VIA);
        return response;
    }

    /**
     * 308, so that the method and body are kept: the same host (its port replaced by the HTTPS
     * listener's, left out when that is 443), path and query.
     */
    static FullHttpResponse redirect(String hostHeader, String uri, int httpsPort) {
        var response = text(HttpResponseStatus.PERMANENT_REDIRECT, "Redirecting to HTTPS\n");
        response.headers().set(HttpHeaderNames.LOCATION, location(hostHeader, uri, httpsPort));
        return response;
    }

    static String location(String hostHeader, String uri, int httpsPort) {
        String host = hostHeader;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(']', colon) < 0) {
            host = host.substring(0, colon);
        }
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + uri;
    }
}
