package dev.paas.router.proxy;

import dev.paas.router.RouterConfig;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.route.RouteStore;
import dev.paas.router.tls.TlsStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public listeners: HTTP/1.1, and HTTPS (HTTP/2 or HTTP/1.1) when a default certificate is set; event
 * loops (epoll where available) shared by both, one pipeline per client connection.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /**
     * Pooled buffers rather than Netty's adaptive default: the adaptive one copies every header it
     * encodes through a fresh NIO view of its chunk, a measurable share of the router's CPU per request.
     */
    static final PooledByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;
    private final RouterConfig config;
    private final Metrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final Channel tlsListener;
    private final int port;
    private volatile int tlsPort;

    /** {@code tls}: the certificates to serve, or null for no HTTPS listener. */
    public ProxyServer(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log, TlsStore tls)
            throws InterruptedException {
        this.config = config;
        this.metrics = metrics;
        Transport transport = Transport.choose(config.transport());
        this.boss = new MultiThreadIoEventLoopGroup(1, transport.io());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.io());
        var pool = new BackendPool(transport.client(), config.connectTimeout(), Duration.ofSeconds(50));
        var px = new ProxyContext(config, routes, metrics, log, pool, tls, () -> tlsPort);
        var limiter = new ConnectionLimiter(metrics.connections(), config.maxConnections());
        Channel secure = null;
        try {
            if (tls != null) {
                secure = bootstrap(transport).childHandler(new TlsPipeline(px, limiter))
                        .bind(new InetSocketAddress(config.bind(), config.tls().port())).sync().channel();
                this.tlsPort = ((InetSocketAddress) secure.localAddress()).getPort();
                LOG.info("at=info msg=\"router listening for HTTPS\" address={} port={}", config.bind(), tlsPort);
            }
            this.listener = bootstrap(transport).childHandler(plain(px, limiter))
                    .bind(new InetSocketAddress(config.bind(), config.port())).sync().channel();
        } catch (Exception e) { // Netty rethrows a failed bind (a checked BindException) undeclared
            // A port that cannot be bound leaves no listener nor event loop behind (their threads would keep
            // the process, or a test's JVM, alive).
            if (secure != null) {
                secure.close().syncUninterruptibly();
            }
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        this.tlsListener = secure;
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("at=info msg=\"router listening\" address={} port={} io_threads={} transport={}", config.bind(),
                port(), config.ioThreads(), transport.name());
    }

    private ChannelInitializer<SocketChannel> plain(ProxyContext px, ConnectionLimiter limiter) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                var front = new FrontendHandler(px, false);
                ch.pipeline().addLast("limit", limiter)
                        .addLast("first-byte", new FrontendHandler.FirstByteWatch(front))
                        .addLast("codec", new HttpServerCodec(config.maxRequestLine(),
                                config.maxHeaderBytes(), 65_536))
                        .addLast("frontend", front);
            }
        };
    }

    private ServerBootstrap bootstrap(Transport transport) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.server())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, BUFFERS)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024));
    }

    public int port() {
        return port;
    }

    /** The HTTPS port, or 0 when HTTPS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    /**
     * Stops taking connections, lets in-flight requests finish within the drain period, then stops
     * the event loops.
     */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + config.drain().toNanos();
        while (metrics.inFlight().sum() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50); // a shutdown poll, bounded by the drain period
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("at=info msg=\"router stopped\" in_flight={}", metrics.inFlight().sum());
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
