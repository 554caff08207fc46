package dev.paas.router.balance;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One web process that takes requests, with the live state the balancer needs. The same object
 * lives on across route table updates while the process stays routable, so its counts survive.
 */
public final class Backend {
    private final UUID appId;
    private final String dyno;
    private final InetSocketAddress address;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile long downUntilNanos;
    private volatile boolean retired;

    public Backend(UUID appId, String dyno, String host, int port) {
        this.appId = appId;
        this.dyno = dyno;
        this.address = new InetSocketAddress(host, port);
    }

    public UUID appId() {
        return appId;
    }

    public String dyno() {
        return dyno;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Same app, process name and address: the same backend in a newer table. */
    public boolean sameAs(UUID app, String dynoName, String host, int port) {
        return appId.equals(app) && dyno.equals(dynoName) && address.getPort() == port
                && address.getHostString().equals(host);
    }

    public int outstanding() {
        return outstanding.get();
    }

    public void begin() {
        outstanding.incrementAndGet();
    }

    public void end() {
        outstanding.decrementAndGet();
    }

    public boolean down(long nowNanos) {
        return nowNanos - downUntilNanos < 0;
    }

    /** A connection to it failed: new requests go elsewhere for {@code nanos}. */
    public void markDown(long nowNanos, long nanos) {
        downUntilNanos = nowNanos + nanos;
    }

    /** No longer routable: it gets no new requests and no pooled connections; in-flight ones finish. */
    public void retire() {
        retired = true;
    }

    public boolean retired() {
        return retired;
    }

    @Override
    public String toString() {
        return dyno + "@" + address.getHostString() + ":" + address.getPort();
    }
}
