package dev.paas.router.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS listener's pipeline: SNI picks the certificate, then ALPN the protocol. HTTP/1.1 gets the
 * plain listener's handlers behind TLS; HTTP/2 gets one child channel per stream, each turned into an
 * HTTP/1.1 exchange by a codec, so that the proxy path (and its one log line per request) is the same.
 */
final class TlsPipeline extends ChannelInitializer<SocketChannel> {
    private final ProxyContext px;
    private final ConnectionLimiter limiter;

    TlsPipeline(ProxyContext px, ConnectionLimiter limiter) {
        this.px = px;
        this.limiter = limiter;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("limit", limiter)
                .addLast("sni", new SniHandler(px.tls(), 16 * 1024, px.config().headerTimeout().toMillis()))
                .addLast("alpn", new Alpn());
    }

    private final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            var config = px.config();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                var settings = Http2Settings.defaultSettings().maxConcurrentStreams(256)
                        .maxHeaderListSize(config.maxHeaderBytes() + config.maxRequestLine());
                ctx.pipeline().addLast("idle", new IdleStateHandler(0, 0, config.keepAlive().toMillis(),
                                TimeUnit.MILLISECONDS))
                        .addLast("h2", Http2FrameCodecBuilder.forServer().initialSettings(settings).build())
                        .addLast("streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast("codec", new Http2StreamFrameToHttpObjectCodec(true))
                                        .addLast("h2-request", new H2Request())
                                        .addLast("frontend", new FrontendHandler(px, true));
                            }
                        }))
                        .addLast("idle-close", new IdleClose());
                return;
            }
            if (!ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                ctx.close(); // NO_ADVERTISE offers nothing else: a client that picks another protocol is wrong
                return;
            }
            var front = new FrontendHandler(px, true);
            ctx.pipeline().addLast("first-byte", new FrontendHandler.FirstByteWatch(front))
                    .addLast("codec", new HttpServerCodec(config.maxRequestLine(), config.maxHeaderBytes(), 65_536))
                    .addLast("frontend", front);
        }
    }

    /**
     * An HTTP/2 request without a body comes as one full message; the frontend takes a head, then
     * content, as HTTP/1.1 gives them. The codec's own {@code x-http2-*} headers stay here.
     */
    private static final class H2Request extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.handler.codec.http.HttpRequest req) {
                req.headers().remove("x-http2-stream-id").remove("x-http2-scheme").remove("x-http2-path")
                        .remove("x-http2-stream-weight").remove("x-http2-stream-dependency-id");
            }
            if (msg instanceof FullHttpRequest full) {
                ctx.fireChannelRead(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                        full.headers()));
                ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** An HTTP/2 connection with no frame either way for the keep-alive timeout is closed (with GOAWAY). */
    private static final class IdleClose extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
