package dev.paas.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.List;

/** After a protocol switch (WebSocket), bytes flow as they are between client and backend. */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    private Relay(Channel peer) {
        this.peer = peer;
    }

    /**
     * Takes HTTP out of both pipelines. The relays go in first, so that bytes the codecs still hold
     * when they are removed flow on to the peer.
     */
    static void splice(Channel client, Channel backend, List<ByteBuf> early) {
        ChannelPipeline front = client.pipeline();
        ChannelPipeline back = backend.pipeline();
        front.addLast("relay", new Relay(backend));
        back.addLast("relay", new Relay(client));
        for (String name : List.of("frontend", "codec", "first-byte")) {
            if (front.get(name) != null) {
                front.remove(name);
            }
        }
        for (String name : List.of("backend", "codec")) {
            if (back.get(name) != null) {
                back.remove(name);
            }
        }
        early.forEach(client::write);
        client.flush();
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
