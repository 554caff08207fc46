package dev.paas.router.proxy;

import static dev.paas.router.proxy.ExchangeState.AWAITING;
import static dev.paas.router.proxy.ExchangeState.CONNECTING;
import static dev.paas.router.proxy.ExchangeState.DONE;
import static dev.paas.router.proxy.ExchangeState.INTERIM;
import static dev.paas.router.proxy.ExchangeState.RESPONDING;
import static dev.paas.router.proxy.ExchangeState.SENDING;
import static dev.paas.router.proxy.ExchangeState.SWITCHING;

import dev.paas.router.balance.Backend;
import dev.paas.router.log.RequestLogLine;
import dev.paas.router.route.AppRoute;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * One proxied request and its response, streamed both ways: the request to a backend chosen by
 * {@link Attempts}, the response back to the client. Runs entirely on the client connection's event
 * loop, which also owns the backend connection. Its phases are an {@link ExchangeState}; every way
 * out goes through {@link #account} (log line, metrics, in-flight gauge: once) and
 * {@link #teardown} (the backend connection and buffered request parts: once).
 */
final class Exchange {
    private final FrontendHandler front;
    private final ChannelHandlerContext fctx;
    private final ProxyContext px;
    private final HttpRequest request;
    private final Info info;
    private final AppRoute route;
    private final boolean upgrade;
    private final Attempts attempts;
    private final BackendLink link;
    private final long startNanos = System.nanoTime();
    private ExchangeState state = CONNECTING;
    // The request side runs beside the states: a backend may answer before the body is all sent.
    private boolean requestComplete;
    private long requestSentNanos;
    private long connectNanos;
    private long bodyBytes;
    private long lastActivityNanos = startNanos;
    private boolean backendKeepAlive;
    private boolean clientKeepAlive;
    private List<ByteBuf> upgradeBytes;
    private int status;
    private long bytes;
    // The response head waits for the rest of the read: a whole response goes out as one message.
    private HttpResponse heldHead;

    /** What the request log needs of the request. */
    record Info(String method, String path, String host, String requestId, String fwd, boolean keepAlive,
                HttpVersion version, boolean hsts, String protocol) {
    }

    Exchange(FrontendHandler front, ChannelHandlerContext fctx, ProxyContext px, HttpRequest request, Info info,
             AppRoute route, boolean upgrade) {
        this.front = front;
        this.fctx = fctx;
        this.px = px;
        this.request = request;
        this.info = info;
        this.route = route;
        this.upgrade = upgrade;
        this.attempts = new Attempts(route.backends());
        this.link = new BackendLink(px.pool());
        this.clientKeepAlive = info.keepAlive();
    }

    /** The one increment of the in-flight gauge; {@link #account} holds the one decrement. */
    void start() {
        px.metrics().inFlight().increment();
        connectNext(true, startNanos);
    }

    /**
     * {@code inClientRead}: called while the client's bytes are read, which ends with a flush. {@code now}:
     * the clock, read by the caller (one read fewer per request on the first attempt).
     */
    private void connectNext(boolean inClientRead, long now) {
        Backend b = attempts.next(now);
        if (b == null) {
            fail(ErrorPage.UNREACHABLE);
            return;
        }
        Channel pooled = px.pool().poll(b);
        if (pooled != null) {
            attach(pooled, true, inClientRead);
            return;
        }
        // Until the connection is up, the client's bytes wait in the socket rather than here.
        fctx.channel().config().setAutoRead(false);
        ChannelFuture f = px.pool().connect(b, fctx.channel().eventLoop());
        f.addListener((ChannelFutureListener) future -> {
            if (state == DONE) {
                future.channel().close();
                return;
            }
            connectNanos += System.nanoTime() - now;
            if (future.isSuccess()) {
                attach(future.channel(), false, false);
            } else {
                long later = System.nanoTime();
                attempts.refused(later, px.config().backendDown().toNanos());
                connectNext(false, later);
            }
        });
    }

    private void attach(Channel ch, boolean fromPool, boolean inClientRead) {
        link.attach(ch, fromPool, this, request, inClientRead);
        become(requestComplete ? AWAITING : SENDING);
        if (requestComplete) {
            markSent();
        }
        ch.config().setAutoRead(fctx.channel().isWritable());
        front.readRequestBody(requestComplete || ch.isWritable());
    }

    void clientContent(HttpContent c) {
        if (state == DONE) {
            c.release();
            return;
        }
        lastActivityNanos = System.nanoTime();
        bodyBytes += c.content().readableBytes();
        boolean last = c instanceof LastHttpContent;
        link.send(c);
        if (last) {
            requestComplete = true;
            if (link.channel() != null) {
                if (state == SENDING) {
                    become(AWAITING);
                }
                markSent();
            }
        }
    }

    private void markSent() {
        requestSentNanos = System.nanoTime();
        front.armTimer(deadline());
    }

    void clientReadComplete() {
        if (state != DONE) {
            link.flush();
        }
    }

    void clientWritabilityChanged() {
        if (link.channel() != null && state != DONE) {
            link.channel().config().setAutoRead(fctx.channel().isWritable());
        }
    }

    void backendWritabilityChanged() {
        if (!requestComplete && state != DONE) {
            front.readRequestBody(link.channel().isWritable());
        }
    }

    /** Activity is stamped once per read, in {@link #backendReadComplete}: a whole response is one read. */
    void backendRead(Object msg) {
        if (state == DONE) {
            ReferenceCountUtil.release(msg);
        } else if (state == SWITCHING) {
            if (msg instanceof ByteBuf buf) {
                upgradeBytes.add(buf); // the new protocol's first bytes, passed on once spliced
            } else {
                ReferenceCountUtil.release(msg);
            }
        } else if (msg instanceof HttpResponse r && !responseHead(r)) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpContent c) {
            responseContent(c);
        }
    }

    /** Returns whether content may follow in the same message. */
    private boolean responseHead(HttpResponse r) {
        if (r.decoderResult().isFailure()) {
            link.channel().close();
            return false;
        }
        int code = r.status().code();
        if (code == 101 && upgrade) {
            switchProtocols(r);
            return false;
        }
        if (code < 200) {
            become(INTERIM);
            return true;
        }
        status = code;
        become(RESPONDING);
        backendKeepAlive = HttpUtil.isKeepAlive(r);
        var head = ResponseHead.of(r, request.method(), info.version(), clientKeepAlive, requestComplete);
        clientKeepAlive = head.keepAlive();
        if (info.hsts()) {
            head.response().headers().set("strict-transport-security", FrontendHandler.HSTS);
        }
        heldHead = head.response();
        return true;
    }

    private void responseContent(HttpContent c) {
        if (state == INTERIM) {
            c.release();
            if (c instanceof LastHttpContent) {
                become(requestComplete ? AWAITING : SENDING);
            }
            return;
        }
        if (state != RESPONDING) {
            c.release();
            return;
        }
        bytes += c.content().readableBytes();
        if (c instanceof LastHttpContent last) {
            complete(last);
        } else {
            writeHeldHead();
            fctx.write(c);
            if (!fctx.channel().isWritable()) {
                link.channel().config().setAutoRead(false);
            }
        }
    }

    void backendReadComplete() {
        if (state != DONE) {
            lastActivityNanos = System.nanoTime();
            writeHeldHead(); // the body comes in a later read: the client gets the head now, as it came
            fctx.flush();
        }
    }

    private void writeHeldHead() {
        if (heldHead != null) {
            fctx.write(heldHead);
            heldHead = null;
        }
    }

    private void complete(LastHttpContent last) {
        account(DONE, null, status);
        teardown(backendKeepAlive && requestComplete); // attached, so a complete request was sent whole
        ChannelFuture written;
        if (heldHead != null) {
            // Head and body in one message: one pass down the pipeline and one buffer to write, not two.
            written = fctx.writeAndFlush(new DefaultFullHttpResponse(heldHead.protocolVersion(), heldHead.status(),
                    last.content(), heldHead.headers(), last.trailingHeaders()));
            heldHead = null;
        } else {
            written = fctx.writeAndFlush(last);
        }
        front.exchangeDone(clientKeepAlive && requestComplete, written);
    }

    void backendClosed() {
        switch (state) {
            case DONE -> {
            }
            case SWITCHING -> abortSwitch();
            case RESPONDING -> abort(ErrorPage.NO_RESPONSE.code());
            default -> {
                if (attempts.retryStale(link.reused(), requestComplete, bodyBytes, request.method())) {
                    // A pooled connection the backend had closed meanwhile: nothing was answered, so try afresh.
                    link.release(null, false);
                    become(CONNECTING);
                    link.hold(LastHttpContent.EMPTY_LAST_CONTENT);
                    connectNext(false, System.nanoTime());
                } else {
                    fail(ErrorPage.NO_RESPONSE);
                }
            }
        }
    }

    void clientClosed() {
        if (state == SWITCHING) {
            become(DONE); // counted at the 101 already
            teardown(false);
        } else if (state != DONE) {
            account(DONE, new ErrorPage("H27", "Client Request Interrupted", 499, "", ""), 499);
            teardown(false);
        }
    }

    /** The request is with the backend and no answer has begun: the response timeout runs. */
    private boolean awaitingAnswer() {
        return requestComplete && (state == AWAITING || state == INTERIM);
    }

    /** The next moment a timeout may strike, or 0 for none. */
    long deadline() {
        if (state == DONE || state == SWITCHING) {
            return 0;
        }
        return px.timeouts().deadline(awaitingAnswer(), lastActivityNanos, requestSentNanos);
    }

    void checkTimeouts(long now) {
        if (state == DONE || state == SWITCHING) {
            return;
        }
        switch (px.timeouts().check(awaitingAnswer(), lastActivityNanos, requestSentNanos, now)) {
            case NO_ANSWER -> fail(ErrorPage.TIMEOUT);
            case IDLE -> {
                if (state == RESPONDING) {
                    abort(ErrorPage.IDLE.code());
                } else {
                    fail(ErrorPage.IDLE);
                }
            }
            case NONE -> {
            }
        }
    }

    /** Nothing was sent to the client yet: answer with the router's own page. */
    private void fail(ErrorPage page) {
        account(DONE, page, page.status());
        teardown(false);
        front.exchangeFailed(page, info.requestId(), clientKeepAlive && requestComplete);
    }

    /** The response was under way: all the client can be told is a closed connection. */
    private void abort(String code) {
        account(DONE, new ErrorPage(code, "Response interrupted", status, "", ""), status);
        teardown(false);
        writeHeldHead();
        fctx.flush();
        fctx.close();
    }

    private void switchProtocols(HttpResponse r) {
        status = 101;
        upgradeBytes = new ArrayList<>(1);
        Channel backendChannel = link.channel();
        backendChannel.config().setAutoRead(false);
        var headers = r.headers();
        ForwardedHeaders.response(headers, true);
        var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), headers);
        account(SWITCHING, null, 101); // the request is answered; what follows is the new protocol's
        List<ByteBuf> early = upgradeBytes;
        fctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !backendChannel.isActive() || state != SWITCHING) {
                early.forEach(ReferenceCountUtil::release);
                backendChannel.close();
                if (state == SWITCHING) {
                    abortSwitch();
                }
                fctx.close();
                return;
            }
            become(DONE);
            link.handOver();
            front.exchangeUpgraded();
            Relay.splice(fctx.channel(), backendChannel, early);
        });
    }

    /** Either side went away before the splice: close both; the 101 was counted already. */
    private void abortSwitch() {
        become(DONE);
        teardown(false);
        fctx.flush();
        fctx.close();
    }

    /**
     * Leaves the live states for {@code to} (SWITCHING or DONE): the one place an exchange ends its
     * backend attempt, leaves the in-flight gauge and is logged and counted. Entered once per exchange.
     */
    private void account(ExchangeState to, ErrorPage error, int loggedStatus) {
        if (state == SWITCHING || state == DONE) {
            throw new IllegalStateException("exchange counted twice: " + state + " -> " + to);
        }
        become(to);
        px.metrics().inFlight().decrement();
        attempts.end();
        long now = System.nanoTime();
        long serviceMicros = Math.max(0, (now - startNanos - connectNanos) / 1000);
        Backend backend = attempts.current();
        var line = new RequestLogLine(error == null ? null : error.code(), error == null ? null : error.desc(),
                info.method(), info.path(), info.host(), info.requestId(), info.fwd(),
                backend == null ? null : backend.dyno(), connectNanos / 1_000_000, serviceMicros / 1000,
                loggedStatus, bytes, info.protocol());
        px.record(route.appId(), line, (now - startNanos) / 1000, error == null ? null : error.code());
    }

    /** The one place the exchange lets go of its backend connection and of request parts it holds. */
    private void teardown(boolean reusable) {
        link.release(attempts.current(), reusable);
        link.dropPending();
    }

    private void become(ExchangeState to) {
        if (!state.canBecome(to)) {
            throw new IllegalStateException("exchange cannot go from " + state + " to " + to);
        }
        state = to;
    }
}
