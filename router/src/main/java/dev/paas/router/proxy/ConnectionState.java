package dev.paas.router.proxy;

/** Where a client connection stands; the exchange answering a request has its own {@link ExchangeState}. */
enum ConnectionState {
    /** Between requests: the keep-alive timeout runs, and the header timeout once a byte arrives. */
    WAITING,
    /** A request is being answered, by an exchange or by the router itself; later ones wait their turn. */
    ANSWERING,
    /** Spliced to a backend after a protocol switch: no more HTTP on this connection. */
    UPGRADED,
    /** On its way out: whatever still arrives is dropped. */
    CLOSING;

    boolean canBecome(ConnectionState to) {
        return switch (this) {
            case WAITING -> to == ANSWERING || to == CLOSING;
            case ANSWERING -> to == WAITING || to == UPGRADED || to == CLOSING;
            case UPGRADED, CLOSING -> false;
        };
    }
}
