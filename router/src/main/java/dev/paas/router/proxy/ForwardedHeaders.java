package dev.paas.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Heroku's header rules, as pure functions over a message's headers: hop-by-hop headers go, the
 * X-Forwarded-* set, X-Request-Id, X-Request-Start and Via are added.
 */
final class ForwardedHeaders {
    static final String VIA = "1.1 paas-router";
    // Names as AsciiString constants: their hash is computed once, not on every get and set of every request.
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString X_REQUEST_START = AsciiString.cached("x-request-start");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9+/=_.-]{20,200}");
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION);

    private ForwardedHeaders() {
    }

    /**
     * Rewrites a request's headers for the backend; returns the request id it carries. {@code proto} is
     * {@code https} when the client came over TLS; {@code upgrade} keeps {@code Upgrade} for a WebSocket
     * handshake. Framing (chunked) is put back by the caller.
     */
    static String request(HttpHeaders h, String clientIp, int port, String proto, long startMillis,
                          boolean upgrade) {
        String upgradeTo = upgrade ? h.get(HttpHeaderNames.UPGRADE) : null;
        removeHopByHop(h);
        if (upgradeTo != null) {
            h.set(HttpHeaderNames.UPGRADE, upgradeTo);
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        String forwardedFor = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, forwardedFor == null || forwardedFor.isBlank() ? clientIp
                : forwardedFor + ", " + clientIp);
        h.set(X_FORWARDED_PROTO, proto);
        h.set(X_FORWARDED_PORT, Integer.toString(port));
        String id = h.get(X_REQUEST_ID);
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            id = newRequestId();
            h.set(X_REQUEST_ID, id);
        }
        h.set(X_REQUEST_START, Long.toString(startMillis));
        via(h);
        return id;
    }

    /** Rewrites a response's headers for the client; a 101's {@code Upgrade} and {@code Connection} stay. */
    static void response(HttpHeaders h, boolean switching) {
        String upgradeTo = switching ? h.get(HttpHeaderNames.UPGRADE) : null;
        removeHopByHop(h);
        if (upgradeTo != null) {
            h.set(HttpHeaderNames.UPGRADE, upgradeTo);
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        via(h);
    }

    static boolean isUpgrade(HttpHeaders h) {
        return h.contains(HttpHeaderNames.UPGRADE) && h.containsValue(HttpHeaderNames.CONNECTION,
                HttpHeaderValues.UPGRADE, true);
    }

    /** Whether {@code name} comes more than once; without listing its values, as most requests have one. */
    static boolean repeated(HttpHeaders h, CharSequence name) {
        var values = h.valueStringIterator(name);
        if (!values.hasNext()) {
            return false;
        }
        values.next();
        return values.hasNext();
    }

    private static void removeHopByHop(HttpHeaders h) {
        if (h.contains(HttpHeaderNames.CONNECTION)) { // listing the values costs a list, which most requests skip
            for (String connection : h.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : connection.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty()) {
                        h.remove(name);
                    }
                }
            }
        }
        for (CharSequence name : HOP_BY_HOP) {
            h.remove(name);
        }
    }

    private static void via(HttpHeaders h) {
        String via = h.get(HttpHeaderNames.VIA);
        h.set(HttpHeaderNames.VIA, via == null || via.isBlank() ? VIA : via + ", " + VIA);
    }

    /** A version 4 UUID from a per-thread generator: request ids need to be unique, not secret. */
    static String newRequestId() {
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }
}
