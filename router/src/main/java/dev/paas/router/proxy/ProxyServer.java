package dev.paas.router.proxy;

import dev.paas.router.RouterConfig;
import dev.paas.router.http.Metrics;
import dev.paas.router.log.AccessLog;
import dev.paas.router.route.RouteStore;
import io.netty.bootstrap.ServerBootstrap;
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

/** The public HTTP/1.1 listener: event loops (epoll where available), one pipeline per client connection. */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    private final RouterConfig config;
    private final Metrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final int port;

    public ProxyServer(RouterConfig config, RouteStore routes, Metrics metrics, AccessLog log)
            throws InterruptedException {
        this.config = config;
        this.metrics = metrics;
        Transport transport = Transport.choose(config.transport());
        this.boss = new MultiThreadIoEventLoopGroup(1, transport.io());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.io());
        var pool = new BackendPool(transport.client(), config.connectTimeout(), Duration.ofSeconds(50));
        var px = new ProxyContext(config, routes, metrics, log, pool);
        var limiter = new ConnectionLimiter(metrics.connections(), config.maxConnections());
        this.listener = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.server())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var front = new FrontendHandler(px);
                        ch.pipeline().addLast("limit", limiter)
                                .addLast("first-byte", new FrontendHandler.FirstByteWatch(front))
                                .addLast("codec", new HttpServerCodec(config.maxRequestLine(),
                                        config.maxHeaderBytes(), 65_536))
                                .addLast("frontend", front);
                    }
                })
                .bind(new InetSocketAddress(config.bind(), config.port())).sync().channel();
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("at=info msg=\"router listening\" address={} port={} io_threads={} transport={}", config.bind(),
                port(), config.ioThreads(), transport.name());
    }

    public int port() {
        return port;
    }

    /**
     * Stops taking connections, lets in-flight requests finish within the drain period, then stops
     * the event loops.
     */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        long deadline = System.nanoTime() + config.drain().toNanos();
        while (metrics.inFlight().get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50); // a shutdown poll, bounded by the drain period
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("at=info msg=\"router stopped\" in_flight={}", metrics.inFlight().get());
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
