package dev.paas.router.proxy;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an {@link Exchange} stands. The request side may finish before or after the response starts (a
 * backend can answer an upload early), so whether the request is complete is a fact the exchange keeps
 * beside its state, not a state of its own.
 */
enum ExchangeState {
    /** No backend connection yet: request parts read meanwhile wait in the exchange. */
    CONNECTING,
    /** Connected; the request body is still on its way to the backend. */
    SENDING,
    /** The whole request reached the backend, which has not answered yet: the response timeout runs. */
    AWAITING,
    /** A 1xx head came first: it and its empty content are dropped until the real answer. */
    INTERIM,
    /** The response head went to the client; its body streams after it. */
    RESPONDING,
    /** 101 Switching Protocols: logged and counted, both connections about to be spliced. */
    SWITCHING,
    /** Logged, counted and torn down (or handed to the relay). Nothing leaves this state. */
    DONE;

    private Set<ExchangeState> next;

    static {
        // Back to CONNECTING only to retry a pooled connection found closed before any answer began.
        CONNECTING.next = EnumSet.of(CONNECTING, SENDING, AWAITING, DONE);
        SENDING.next = EnumSet.of(AWAITING, INTERIM, RESPONDING, SWITCHING, DONE);
        AWAITING.next = EnumSet.of(CONNECTING, INTERIM, RESPONDING, SWITCHING, DONE);
        INTERIM.next = EnumSet.of(CONNECTING, SENDING, AWAITING, DONE);
        RESPONDING.next = EnumSet.of(DONE);
        SWITCHING.next = EnumSet.of(DONE);
        DONE.next = EnumSet.noneOf(ExchangeState.class);
    }

    boolean canBecome(ExchangeState to) {
        return next.contains(to);
    }
}
