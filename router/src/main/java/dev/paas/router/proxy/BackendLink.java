package dev.paas.router.proxy;

import dev.paas.router.balance.Backend;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * An exchange's connection to the backend of its current attempt, and the request parts that arrive
 * before there is one. Lives on the client connection's event loop, as its exchange does.
 */
final class BackendLink {
    private final BackendPool pool;
    private Channel ch;
    private List<HttpContent> pending; // request parts read while connecting; allocated only then
    private boolean reused;
    private boolean needsFlush;
    // The request head waits for the rest of the client's read: a bodiless request goes out as one message.
    private HttpRequest heldRequest;

    BackendLink(BackendPool pool) {
        this.pool = pool;
    }

    /** The connection, or null while connecting and once let go. */
    Channel channel() {
        return ch;
    }

    /** Whether the connection came from the pool: the backend may have closed it meanwhile. */
    boolean reused() {
        return reused;
    }

    /** Takes {@code channel} for {@code owner} and sends it the request head and whatever waited for it. */
    void attach(Channel channel, boolean fromPool, Exchange owner, HttpRequest request, boolean inClientRead) {
        ch = channel;
        reused = fromPool;
        BackendPool.handler(channel).attach(owner);
        if (inClientRead && pending == null) {
            heldRequest = request; // its end most likely follows in this read
            needsFlush = true; // flushed once the read is done, with whatever else it brings
            return;
        }
        channel.write(request);
        if (pending != null) {
            pending.forEach(channel::write);
            pending = null;
        }
        if (inClientRead) {
            needsFlush = true;
        } else {
            channel.flush();
        }
    }

    /** Passes a request part on, or holds it until there is a connection. */
    void send(HttpContent c) {
        if (ch == null) {
            hold(c);
            return;
        }
        if (heldRequest != null && c instanceof LastHttpContent last) {
            // Head and end in one message: one pass down the pipeline and one buffer to write, not two.
            HttpRequest head = heldRequest;
            heldRequest = null;
            ch.write(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), last.content(),
                    head.headers(), last.trailingHeaders()));
        } else {
            writeHeldRequest();
            ch.write(c);
        }
        needsFlush = true;
    }

    private void writeHeldRequest() {
        if (heldRequest != null) {
            ch.write(heldRequest);
            heldRequest = null;
        }
    }

    void hold(HttpContent c) {
        if (pending == null) {
            pending = new ArrayList<>(2);
        }
        pending.add(c);
    }

    /** Flushes what {@link #send} wrote since the last flush. */
    void flush() {
        if (needsFlush && ch != null) {
            needsFlush = false;
            writeHeldRequest();
            ch.flush();
        }
    }

    /** Lets go of the connection: back to {@code backend}'s pool if {@code reusable}, else closed. */
    void release(Backend backend, boolean reusable) {
        if (ch == null) {
            return;
        }
        Channel c = ch;
        ch = null;
        heldRequest = null;
        if (reusable) {
            pool.release(backend, c);
        } else {
            BackendPool.handler(c).detach();
            c.close();
        }
    }

    /** Gives the connection away (to the relay, after a protocol switch): it is no longer ours to close. */
    void handOver() {
        ch = null;
        heldRequest = null;
    }

    /** Frees request parts that never reached a backend. */
    void dropPending() {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
        }
    }
}
