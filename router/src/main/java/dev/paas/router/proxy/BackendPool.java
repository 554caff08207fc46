package dev.paas.router.proxy;

import dev.paas.router.balance.Backend;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to backends, one pool per event loop so that a connection is only ever
 * touched by the loop that owns it (and the client connection it serves). Connections to retired
 * backends, or idle too long, are closed rather than reused.
 */
final class BackendPool {
    private static final int MAX_IDLE_PER_BACKEND = 256;
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final Bootstrap bootstrap;
    private final long maxIdleNanos;
    private final FastThreadLocal<Map<Backend, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Backend, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };
    private final FastThreadLocal<Boolean> sweeping = new FastThreadLocal<>();

    BackendPool(Class<? extends Channel> channelType, Duration connectTimeout, Duration maxIdle) {
        this.maxIdleNanos = maxIdle.toNanos();
        this.bootstrap = new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, ProxyServer.BUFFERS)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // set per connection in connect(); the initializer only exists to satisfy Bootstrap
                    }
                });
    }

    /** A new connection on {@code loop}, with the HTTP client codec and a {@link BackendHandler}. */
    ChannelFuture connect(Backend backend, EventLoop loop) {
        return bootstrap.clone(loop).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("codec", new HttpClientCodec(8192, 65_536, 65_536));
                ch.pipeline().addLast("backend", new BackendHandler(BackendPool.this, backend));
            }
        }).connect(backend.address());
    }

    /** An idle connection to {@code backend} owned by the calling loop, or null. */
    Channel poll(Backend backend) {
        ArrayDeque<Channel> channels = idle.get().get(backend);
        if (channels == null) {
            return null;
        }
        long now = System.nanoTime();
        Channel ch;
        while ((ch = channels.pollFirst()) != null) {
            if (ch.isActive() && now - handler(ch).idleSince() < maxIdleNanos) {
                return ch;
            }
            ch.close();
        }
        return null;
    }

    void release(Backend backend, Channel ch) {
        handler(ch).detach();
        if (backend.retired() || !ch.isActive()) {
            ch.close();
            return;
        }
        var channels = idle.get().computeIfAbsent(backend, b -> new ArrayDeque<>());
        if (channels.size() >= MAX_IDLE_PER_BACKEND) {
            ch.close();
            return;
        }
        channels.addFirst(ch);
        ch.config().setAutoRead(true);
        if (sweeping.get() == null) {
            sweeping.set(Boolean.TRUE);
            scheduleSweep(ch.eventLoop());
        }
    }

    void forget(Backend backend, Channel ch) {
        var channels = idle.get().get(backend);
        if (channels != null) {
            channels.remove(ch);
        }
    }

    private void scheduleSweep(EventLoop loop) {
        loop.schedule(() -> {
            sweep();
            scheduleSweep(loop);
        }, SWEEP_NANOS, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        var it = idle.get().entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            boolean retired = entry.getKey().retired();
            entry.getValue().removeIf(ch -> {
                boolean stale = retired || !ch.isActive() || now - handler(ch).idleSince() >= maxIdleNanos;
                if (stale) {
                    ch.close();
                }
                return stale;
            });
            if (entry.getValue().isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * The connection's {@link BackendHandler}: last in its pipeline, which {@link #connect} built. Read
     * there rather than looked up by name, which walks the pipeline comparing strings, three times a request.
     */
    static BackendHandler handler(Channel ch) {
        return (BackendHandler) ch.pipeline().last();
    }
}
