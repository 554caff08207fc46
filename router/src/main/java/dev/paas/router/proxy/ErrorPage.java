package dev.paas.router.proxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The router's own answers: a Heroku error code (or none), a status and a small HTML page. */
record ErrorPage(String code, String desc, int status, String title, String message) {
    static final ErrorPage NO_SUCH_APP = new ErrorPage(null, "No such app", 404, "No such app",
            "There is no app configured at that hostname.");
    static final ErrorPage APP_CRASHED = new ErrorPage("H10", "App crashed", 503, "Application error",
            "The application's web processes have crashed.");
    static final ErrorPage NO_WEB = new ErrorPage("H14", "No web processes running", 503, "Application error",
            "The application has no web processes running.");
    static final ErrorPage TIMEOUT = new ErrorPage("H12", "Request timeout", 503, "Application error",
            "The application did not answer in time.");
    static final ErrorPage NO_RESPONSE = new ErrorPage("H13", "Connection closed without response", 503,
            "Application error", "The application closed the connection without answering.");
    static final ErrorPage IDLE = new ErrorPage("H15", "Idle connection", 503, "Application error",
            "The application stopped sending data.");
    static final ErrorPage UNREACHABLE = new ErrorPage("H19", "Backend connection refused", 503,
            "Application error", "No web process of the application accepted a connection.");
    static final ErrorPage BAD_REQUEST = new ErrorPage(null, "Bad request", 400, "Bad request",
            "The request is not valid HTTP.");
    static final ErrorPage URI_TOO_LONG = new ErrorPage(null, "Request line too long", 414, "URI too long",
            "The request line is too long.");
    static final ErrorPage HEADERS_TOO_LARGE = new ErrorPage(null, "Request headers too large", 431,
            "Request headers too large", "The request headers are too large.");

    FullHttpResponse response(ByteBufAllocator alloc, String requestId) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1><p>" + message + "</p>"
                + (requestId == null ? "" : "<p><small>Request id: " + requestId + "</small></p>") + "</body></html>\n";
        var body = ByteBufUtil.writeUtf8(alloc, html);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .set(HttpHeaderNames.VIA, ForwardedHeaders.VIA);
        return response;
    }
}
