package dev.paas.router.proxy;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** A backend's response head as the client gets it: pure, so that its framing rules are tested with tables. */
final class ResponseHead {
    private ResponseHead() {
    }

    record ForClient(HttpResponse response, boolean keepAlive) {
    }

    /**
     * Rewrites the backend's headers for the client. A body of unknown length is sent chunked to an
     * HTTP/1.1 client; an HTTP/1.0 client learns its end when the connection closes. A response that
     * comes before the whole request ends the connection after it, since the rest cannot be skipped.
     */
    static ForClient of(HttpResponse backend, HttpMethod method, HttpVersion clientVersion, boolean keepAlive,
                        boolean requestComplete) {
        int code = backend.status().code();
        boolean hasLength = backend.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
        var headers = backend.headers();
        ForwardedHeaders.response(headers, false);
        boolean bodyless = HttpMethod.HEAD.equals(method) || code == 204 || code == 304;
        boolean keep = keepAlive && requestComplete;
        if (!bodyless && !hasLength) {
            if (HttpVersion.HTTP_1_1.equals(clientVersion)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                keep = false;
            }
        }
        var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, backend.status(), headers);
        keepAlive(response, keep, clientVersion);
        return new ForClient(response, keep);
    }

    /** Our responses are HTTP/1.1; an HTTP/1.0 client that asked to keep the connection is told so. */
    static void keepAlive(HttpResponse response, boolean keepAlive, HttpVersion clientVersion) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive && HttpVersion.HTTP_1_0.equals(clientVersion)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
