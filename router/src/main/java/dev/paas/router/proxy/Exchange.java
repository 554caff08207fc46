package dev.paas.router.proxy;

import dev.paas.router.balance.Backend;
import dev.paas.router.balance.Balancer;
import dev.paas.router.log.RequestLogLine;
import dev.paas.router.route.AppRoute;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One proxied request and its response, streamed both ways: the request to a backend chosen by the
 * balancer, the response back to the client. Runs entirely on the client connection's event loop,
 * which also owns the backend connection. A request whose connection to a backend fails before any
 * byte was sent goes to another backend.
 */
final class Exchange {
    private final FrontendHandler front;
    private final ChannelHandlerContext fctx;
    private final ProxyContext px;
    private final HttpRequest request;
    private final Info info;
    private final AppRoute route;
    private final boolean upgrade;
    private final long startNanos = System.nanoTime();
    private Set<Backend> tried = Set.of();
    private List<HttpContent> pending; // request parts read while connecting; allocated only then
    private Backend backend;
    private Channel bch;
    private boolean reused;
    private boolean needsFlush;
    private int staleRetries;
    private long connectNanos;
    private long bodyBytes;
    private boolean requestComplete;
    private boolean requestSent;
    private long requestSentNanos;
    private long lastActivityNanos = startNanos;
    private boolean responseStarted;
    private boolean interim;
    private boolean backendKeepAlive;
    private boolean clientKeepAlive;
    private boolean switching;
    private List<ByteBuf> upgradeBytes;
    private int status;
    private long bytes;
    private boolean done;

    /** What the request log needs of the request. */
    record Info(String method, String path, String host, String requestId, String fwd, boolean keepAlive,
                HttpVersion version) {
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
        this.clientKeepAlive = info.keepAlive();
    }

    void start() {
        px.metrics().inFlight().incrementAndGet();
        connectNext(true);
    }

    /** {@code inClientRead}: called while the client's bytes are read, which ends with a flush. */
    private void connectNext(boolean inClientRead) {
        long now = System.nanoTime();
        Backend b = Balancer.pick(route.backends(), tried, now);
        if (b == null) {
            fail(ErrorPage.UNREACHABLE);
            return;
        }
        tried = with(tried, b);
        backend = b;
        b.begin();
        Channel pooled = px.pool().poll(b);
        if (pooled != null) {
            attach(pooled, true, inClientRead);
            return;
        }
        // Until the connection is up, the client's bytes wait in the socket rather than here.
        fctx.channel().config().setAutoRead(false);
        ChannelFuture f = px.pool().connect(b, fctx.channel().eventLoop());
        f.addListener((ChannelFutureListener) future -> {
            if (done) {
                future.channel().close();
            } else if (future.isSuccess()) {
                connectNanos += System.nanoTime() - now;
                attach(future.channel(), false, false);
            } else {
                connectNanos += System.nanoTime() - now;
                b.markDown(System.nanoTime(), px.config().backendDown().toNanos());
                b.end();
                backend = null;
                connectNext(false);
            }
        });
    }

    private void attach(Channel ch, boolean fromPool, boolean inClientRead) {
        bch = ch;
        reused = fromPool;
        ((BackendHandler) ch.pipeline().get("backend")).attach(this);
        ch.write(request);
        if (pending != null) {
            pending.forEach(ch::write);
            pending = null;
        }
        if (inClientRead) {
            needsFlush = true; // flushed once the read is done, with whatever else it brings
        } else {
            ch.flush();
        }
        if (requestComplete) {
            markSent();
        }
        ch.config().setAutoRead(fctx.channel().isWritable());
        front.readRequestBody(requestComplete || ch.isWritable());
    }

    void clientContent(HttpContent c) {
        lastActivityNanos = System.nanoTime();
        bodyBytes += c.content().readableBytes();
        boolean last = c instanceof LastHttpContent;
        if (bch == null) {
            pending(c);
        } else {
            bch.write(c);
            needsFlush = true;
        }
        if (last) {
            requestComplete = true;
            if (bch != null) {
                markSent();
            }
        }
    }

    private void markSent() {
        requestSent = true;
        requestSentNanos = System.nanoTime();
        front.armTimer(deadline());
    }

    void clientReadComplete() {
        if (needsFlush && bch != null && !done) {
            needsFlush = false;
            bch.flush();
        }
    }

    void clientWritabilityChanged() {
        if (bch != null && !done) {
            bch.config().setAutoRead(fctx.channel().isWritable());
        }
    }

    void backendWritabilityChanged() {
        if (!requestComplete && !done) {
            front.readRequestBody(bch.isWritable());
        }
    }

    void backendRead(Object msg) {
        lastActivityNanos = System.nanoTime();
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (switching) {
            if (msg instanceof ByteBuf buf) {
                upgradeBytes.add(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof HttpResponse r && !responseHead(r)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent c) {
            responseContent(c);
        }
    }

    /** Returns whether content may follow in the same message. */
    private boolean responseHead(HttpResponse r) {
        if (r.decoderResult().isFailure()) {
            bch.close();
            return false;
        }
        int code = r.status().code();
        if (code == 101 && upgrade) {
            switchProtocols(r);
            return false;
        }
        if (code < 200) {
            interim = true; // 1xx before the real answer: its empty last content follows and is dropped too
            return true;
        }
        status = code;
        responseStarted = true;
        backendKeepAlive = HttpUtil.isKeepAlive(r);
        var head = ResponseHead.of(r, request.method(), info.version(), clientKeepAlive, requestComplete);
        clientKeepAlive = head.keepAlive();
        fctx.write(head.response());
        return true;
    }

    private void responseContent(HttpContent c) {
        if (interim) {
            c.release();
            if (c instanceof LastHttpContent) {
                interim = false;
            }
            return;
        }
        if (!responseStarted) {
            c.release();
            return;
        }
        bytes += c.content().readableBytes();
        if (c instanceof LastHttpContent) {
            complete(c);
        } else {
            fctx.write(c);
            if (!fctx.channel().isWritable()) {
                bch.config().setAutoRead(false);
            }
        }
    }

    void backendReadComplete() {
        if (!done) {
            fctx.flush();
        }
    }

    private void complete(HttpContent last) {
        done = true;
        px.metrics().inFlight().decrementAndGet();
        boolean reusable = backendKeepAlive && requestSent && !switching;
        releaseBackend(reusable);
        log(null, status);
        ChannelFuture written = fctx.writeAndFlush(last);
        front.exchangeDone(clientKeepAlive && requestComplete, written);
    }

    void backendClosed() {
        if (done) {
            return;
        }
        if (switching) {
            abort(null, 101);
            return;
        }
        if (!responseStarted) {
            if (reused && requestComplete && bodyBytes == 0 && idempotent() && staleRetries++ < 3) {
                // A pooled connection the backend had closed meanwhile: nothing was answered, so try afresh.
                backend.end();
                var others = new HashSet<>(tried);
                others.remove(backend);
                tried = others;
                detachBackend(false);
                backend = null;
                pending(LastHttpContent.EMPTY_LAST_CONTENT);
                connectNext(false);
                return;
            }
            fail(ErrorPage.NO_RESPONSE);
            return;
        }
        abort(ErrorPage.NO_RESPONSE.code(), status);
    }

    void clientClosed() {
        if (done) {
            return;
        }
        done = true;
        px.metrics().inFlight().decrementAndGet();
        releaseBackend(false);
        releasePending();
        log(new ErrorPage("H27", "Client Request Interrupted", 499, "", ""), 499);
    }

    /** The next moment a timeout may strike, or 0 for none. */
    long deadline() {
        if (done || switching) {
            return 0;
        }
        long idle = lastActivityNanos + px.config().idleTimeout().toNanos();
        if (requestSent && !responseStarted) {
            return Math.min(idle, requestSentNanos + px.config().responseTimeout().toNanos());
        }
        return idle;
    }

    void checkTimeouts(long now) {
        if (done || switching) {
            return;
        }
        boolean noAnswer = requestSent && !responseStarted
                && now - requestSentNanos >= px.config().responseTimeout().toNanos();
        boolean idle = now - lastActivityNanos >= px.config().idleTimeout().toNanos();
        if (!responseStarted && (noAnswer || idle)) {
            fail(noAnswer ? ErrorPage.TIMEOUT : ErrorPage.IDLE);
        } else if (idle) {
            abort(ErrorPage.IDLE.code(), status);
        }
    }

    /** Nothing was sent to the client yet: answer with the router's own page. */
    private void fail(ErrorPage page) {
        done = true;
        px.metrics().inFlight().decrementAndGet();
        releaseBackend(false);
        releasePending();
        log(page, page.status());
        front.exchangeFailed(page, info.requestId(), clientKeepAlive && requestComplete);
    }

    /** The response was under way: all the client can be told is a closed connection. */
    private void abort(String code, int loggedStatus) {
        done = true;
        if (!switching) {
            px.metrics().inFlight().decrementAndGet();
        }
        releaseBackend(false);
        releasePending();
        if (!switching) {
            log(code == null ? null : new ErrorPage(code, "Response interrupted", loggedStatus, "", ""), loggedStatus);
        }
        fctx.flush();
        fctx.close();
    }

    private void switchProtocols(HttpResponse r) {
        switching = true;
        responseStarted = true;
        status = 101;
        upgradeBytes = new ArrayList<>(1);
        bch.config().setAutoRead(false);
        var headers = r.headers();
        ForwardedHeaders.response(headers, true);
        var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), headers);
        log(null, 101);
        px.metrics().inFlight().decrementAndGet();
        backend.end();
        Channel backendChannel = bch;
        List<ByteBuf> early = upgradeBytes;
        fctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !backendChannel.isActive()) {
                early.forEach(ReferenceCountUtil::release);
                backendChannel.close();
                fctx.close();
                return;
            }
            done = true;
            front.exchangeUpgraded();
            Relay.splice(fctx.channel(), backendChannel, early);
        });
    }

    private boolean idempotent() {
        HttpMethod m = request.method();
        return m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.OPTIONS);
    }

    private void releaseBackend(boolean reusable) {
        if (backend != null && !switching) {
            backend.end();
        }
        if (bch != null) {
            detachBackend(reusable);
        }
    }

    private void detachBackend(boolean reusable) {
        Channel ch = bch;
        bch = null;
        if (reusable) {
            px.pool().release(backend, ch);
        } else {
            ((BackendHandler) ch.pipeline().get("backend")).detach();
            ch.close();
        }
    }

    private void pending(HttpContent c) {
        if (pending == null) {
            pending = new ArrayList<>(2);
        }
        pending.add(c);
    }

    /** Almost every request tries one backend: a one-element set, a real one only on failover. */
    private static Set<Backend> with(Set<Backend> set, Backend b) {
        if (set.isEmpty()) {
            return Set.of(b);
        }
        var more = new HashSet<>(set);
        more.add(b);
        return more;
    }

    private void releasePending() {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
        }
    }

    private void log(ErrorPage error, int loggedStatus) {
        long now = System.nanoTime();
        long connectMs = connectNanos / 1_000_000;
        long serviceMicros = Math.max(0, (now - startNanos - connectNanos) / 1000);
        px.metrics().request(loggedStatus, (now - startNanos) / 1000, bytes, error == null ? null : error.code());
        var line = new RequestLogLine(error == null ? null : error.code(), error == null ? null : error.desc(),
                info.method(), info.path(), info.host(), info.requestId(), info.fwd(),
                backend == null ? null : backend.dyno(), connectMs, serviceMicros / 1000, loggedStatus, bytes);
        px.log().log(route.appId(), line.format());
    }
}
