package dev.paas.router.proxy;

import dev.paas.router.balance.Backend;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection to a backend: hands what arrives to the exchange that holds the
 * connection, or, while the connection sits in the pool, closes it on anything unexpected.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BackendHandler.class);
    private final BackendPool pool;
    private final Backend backend;
    private Exchange exchange;
    private long idleSince;

    BackendHandler(BackendPool pool, Backend backend) {
        this.pool = pool;
        this.backend = backend;
    }

    void attach(Exchange owner) {
        this.exchange = owner;
    }

    void detach() {
        this.exchange = null;
        this.idleSince = System.nanoTime();
    }

    long idleSince() {
        return idleSince;
    }

    Backend backend() {
        return backend;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null) {
            exchange.backendRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendClosed();
        } else {
            pool.forget(backend, ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IllegalStateException) {
            // An illegal state transition is a router bug: said loudly, while the connection just closes.
            LOG.error("at=error msg=\"illegal state\" error=\"{}\"", cause.getMessage(), cause);
        }
        ctx.close();
    }
}
