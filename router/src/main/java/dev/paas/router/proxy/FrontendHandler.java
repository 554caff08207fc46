package dev.paas.router.proxy;

import dev.paas.client.WebState;
import dev.paas.client.Wire;
import dev.paas.router.log.RequestLogLine;
import dev.paas.router.route.AppRoute;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: routes each request by its Host header to an {@link Exchange}, one at a
 * time (pipelined requests wait their turn), answers what cannot be routed itself, and keeps one
 * timer for whichever timeout applies now: keep-alive idle, header read, or the exchange's own. Over
 * HTTPS it serves one HTTP/1.1 connection, or one HTTP/2 stream (which carries one request); on plain
 * HTTP it answers ACME challenges and redirects apps that want HTTPS.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);
    private static final int MAX_DEFERRED = 256;
    static final String ACME_PREFIX = "/.well-known/acme-challenge/";
    static final String HSTS = "max-age=31536000";
    private final ProxyContext px;
    private final boolean secure;
    private boolean active;
    private ChannelHandlerContext ctx;
    private Exchange current;
    private final ArrayDeque<Object> deferred = new ArrayDeque<>();
    private ConnectionState state = ConnectionState.WAITING;
    private long waitingSince;
    private long firstByteNanos;
    private ScheduledFuture<?> timer;
    private long timerAt;
    private HttpVersion requestVersion = HttpVersion.HTTP_1_1;
    private String clientIp;
    private int localPort;

    /** {@code secure}: the client came over TLS. */
    FrontendHandler(ProxyContext px, boolean secure) {
        this.px = px;
        this.secure = secure;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            activate(); // added after the TLS handshake, on a connection that is long active
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        activate();
        ctx.fireChannelActive();
    }

    private void activate() {
        if (active) {
            return;
        }
        active = true;
        clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        localPort = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        long now = System.nanoTime();
        waitingSince = now;
        firstByteNanos = now; // a new connection must send its request head within the header timeout
        armTimer(now + px.config().headerTimeout().toNanos());
    }

    /** Called for raw bytes ahead of the HTTP decoder: the first byte of a request starts the header clock. */
    void bytesArrived() {
        if (state == ConnectionState.WAITING && firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
            armTimer(firstByteNanos + px.config().headerTimeout().toNanos());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == ConnectionState.CLOSING || state == ConnectionState.UPGRADED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!deferred.isEmpty() || (current != null && msg instanceof HttpRequest)) {
            if (deferred.size() >= MAX_DEFERRED) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            deferred.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(request);
        } else if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                if (current != null) {
                    current.clientClosed();
                    current = null;
                }
                become(ConnectionState.CLOSING);
                ctx.close();
            } else if (current != null) {
                current.clientContent(content);
            } else {
                content.release(); // the rest of a request answered without a backend
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest req) {
        become(ConnectionState.ANSWERING);
        firstByteNanos = 0;
        requestVersion = req.protocolVersion();
        long startMillis = System.currentTimeMillis();
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            reject(req, cause instanceof TooLongHttpLineException ? ErrorPage.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? ErrorPage.HEADERS_TOO_LARGE
                    : ErrorPage.BAD_REQUEST, null);
            return;
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        String uri = req.uri();
        if (host == null || host.isBlank() || uri.isEmpty() || uri.charAt(0) != '/'
                || ForwardedHeaders.repeated(req.headers(), HttpHeaderNames.HOST)) {
            reject(req, ErrorPage.BAD_REQUEST, null);
            return;
        }
        if (!secure && px.tls() != null && uri.startsWith(ACME_PREFIX)) {
            answerChallenge(req, uri.substring(ACME_PREFIX.length()));
            return;
        }
        AppRoute route = px.routes().table().lookup(host);
        if (route == null) {
            reject(req, ErrorPage.NO_SUCH_APP, null);
            return;
        }
        Wire.HttpsPolicy policy = px.tls() == null ? null : px.tls().table().policy(route.appId());
        if (!secure && policy != null && policy.redirectHttp()) {
            answer(req, Answers.redirect(host, uri, px.httpsPort().getAsInt()), null, route);
            return;
        }
        if (route.backends().isEmpty()) {
            reject(req, route.web() == WebState.CRASHED ? ErrorPage.APP_CRASHED : ErrorPage.NO_WEB, route);
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            // The router answers "go on" itself: the body then streams to the backend as it comes.
            req.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        HttpVersion version = req.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean upgrade = ForwardedHeaders.isUpgrade(req.headers());
        boolean chunked = HttpUtil.isTransferEncodingChunked(req);
        String requestId = ForwardedHeaders.request(req.headers(), clientIp, localPort, secure ? "https" : "http",
                startMillis, upgrade);
        if (chunked) {
            req.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        var info = new Exchange.Info(req.method().name(), uri, host, requestId, req.headers().get(ForwardedHeaders.X_FORWARDED_FOR),
                keepAlive, version, secure && policy != null && policy.hsts(), protocol());
        current = new Exchange(this, ctx, px, req, info, route, upgrade);
        current.start();
    }

    /** Answers without a backend. A request with a body, or a malformed one, ends the connection. */
    private void reject(HttpRequest req, ErrorPage page, AppRoute route) {
        String requestId = ForwardedHeaders.newRequestId();
        respond(req, page.response(ctx.alloc(), requestId), page.code(), page.desc(), route, requestId,
                page.code() == null ? String.valueOf(page.status()) : page.code());
    }

    /** The ACME CA's HTTP-01 check: the key authorization for a pending token, else 404. */
    private void answerChallenge(HttpRequest req, String token) {
        String keyAuthorization = px.tls().table().challenge(token);
        if (keyAuthorization == null) {
            answer(req, Answers.text(HttpResponseStatus.NOT_FOUND, "no such ACME challenge\n"), "No such challenge",
                    null);
        } else {
            answer(req, Answers.text(HttpResponseStatus.OK, keyAuthorization), null, null);
        }
    }

    private String protocol() {
        return secure ? "https" : "http";
    }

    /** A response of the router's own that is not an error page; logged at=info unless {@code desc} says why not. */
    private void answer(HttpRequest req, FullHttpResponse response, String desc, AppRoute route) {
        int status = response.status().code();
        respond(req, response, null, desc, route, ForwardedHeaders.newRequestId(),
                status >= 400 ? String.valueOf(status) : null);
    }

    private void respond(HttpRequest req, FullHttpResponse response, String code, String desc, AppRoute route,
                         String requestId, String errorCode) {
        boolean malformed = req.decoderResult().isFailure();
        boolean bodyless = !malformed && !HttpUtil.isTransferEncodingChunked(req)
                && HttpUtil.getContentLength(req, 0L) == 0;
        var line = new RequestLogLine(code, desc, req.method().name(), malformed ? "" : req.uri(),
                malformed ? "" : req.headers().get(HttpHeaderNames.HOST, ""), requestId, clientIp, null, 0, 0,
                response.status().code(), response.content().readableBytes(), protocol());
        px.record(route == null ? null : route.appId(), line, 0, errorCode);
        send(response, bodyless && HttpUtil.isKeepAlive(req));
    }

    private void send(FullHttpResponse response, boolean keepAlive) {
        ResponseHead.keepAlive(response, keepAlive, requestVersion);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (keepAlive) {
            awaitNext();
        } else {
            become(ConnectionState.CLOSING);
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    void exchangeDone(boolean keepAlive, ChannelFuture written) {
        current = null;
        if (keepAlive) {
            awaitNext();
        } else {
            become(ConnectionState.CLOSING);
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    void exchangeFailed(ErrorPage page, String requestId, boolean keepAlive) {
        current = null;
        send(page.response(ctx.alloc(), requestId), keepAlive);
    }

    void exchangeUpgraded() {
        current = null;
        become(ConnectionState.UPGRADED);
        cancelTimer();
    }

    /** The exchange wants request body bytes (or not, while the backend cannot take more). */
    void readRequestBody(boolean read) {
        if (deferred.isEmpty() && state != ConnectionState.CLOSING) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void awaitNext() {
        become(ConnectionState.WAITING);
        waitingSince = System.nanoTime();
        firstByteNanos = 0;
        while (!deferred.isEmpty() && state != ConnectionState.CLOSING) {
            if (current != null && deferred.peek() instanceof HttpRequest) {
                break;
            }
            dispatch(deferred.poll());
        }
        if (current != null) {
            current.clientReadComplete(); // replayed outside a read: flush what went to the backend
            return;
        }
        if (current == null && state != ConnectionState.CLOSING) {
            armTimer(waitIdleDeadline(waitingSince));
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * Makes sure the timer fires no later than {@code deadlineNanos}. A timer that fires earlier is
     * kept: it finds what is due then and arms itself again, so most requests schedule nothing.
     */
    void armTimer(long deadlineNanos) {
        if (timer != null && timerAt <= deadlineNanos) {
            return;
        }
        cancelTimer();
        timerAt = deadlineNanos;
        timer = ctx.executor().schedule(this::onTimer, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    /**
     * While waiting for a request the timer ticks at the header timeout, so that the first byte of
     * the next request needs no timer of its own.
     */
    private long waitIdleDeadline(long now) {
        return Math.min(waitingSince + px.config().keepAlive().toNanos(), now + px.config().headerTimeout().toNanos());
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onTimer() {
        timer = null;
        if (!ctx.channel().isActive() || state == ConnectionState.UPGRADED
                || state == ConnectionState.CLOSING) {
            return;
        }
        long now = System.nanoTime();
        if (current != null) {
            current.checkTimeouts(now);
            if (current != null && current.deadline() != 0) {
                armTimer(current.deadline());
            }
        } else if (firstByteNanos != 0) {
            if (now - firstByteNanos >= px.config().headerTimeout().toNanos()) {
                become(ConnectionState.CLOSING);
                ctx.close(); // a request head that does not finish in time: slowloris
            } else {
                armTimer(firstByteNanos + px.config().headerTimeout().toNanos());
            }
        } else if (now - waitingSince >= px.config().keepAlive().toNanos()) {
            become(ConnectionState.CLOSING);
            ctx.close();
        } else {
            armTimer(waitIdleDeadline(now));
        }
    }

    private void become(ConnectionState to) {
        if (!state.canBecome(to)) {
            throw new IllegalStateException("client connection cannot go from " + state + " to " + to);
        }
        state = to;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        if (current != null) {
            current.clientClosed();
            current = null;
        }
        deferred.forEach(ReferenceCountUtil::release);
        deferred.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IllegalStateException) {
            // An illegal state transition is a router bug: said loudly, while the connection just closes.
            LOG.error("at=error msg=\"illegal state\" error=\"{}\"", cause.getMessage(), cause);
        }
        ctx.close();
    }

    /** Sits ahead of the HTTP decoder and tells the frontend when request bytes start to arrive. */
    static final class FirstByteWatch extends ChannelInboundHandlerAdapter {
        private final FrontendHandler front;

        FirstByteWatch(FrontendHandler front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                front.bytesArrived();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
