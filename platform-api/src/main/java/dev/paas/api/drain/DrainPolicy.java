package dev.paas.api.drain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where drains may connect. A drain is the platform opening connections on a tenant's behalf, so it must
 * not become a way into what only the platform reaches (SSRF): loopback, private and link-local addresses
 * (cloud metadata at 169.254.169.254 among them) are refused unless {@code PAAS_DRAIN_ALLOW_PRIVATE} is
 * set, and even then the platform's own ports (API, git, router, Postgres) on such addresses are refused.
 * Checked when a drain is added and again on every connection, against the very addresses then
 * connected to, so that a DNS name re-pointed after the check gains nothing.
 */
final class DrainPolicy {
    private final boolean allowPrivate;
    private final Supplier<Set<Integer>> platformPorts;

    DrainPolicy(boolean allowPrivate, Supplier<Set<Integer>> platformPorts) {
        this.allowPrivate = allowPrivate;
        this.platformPorts = platformPorts;
    }

    /** The refused host, with why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The addresses of {@code host} a drain may connect to on {@code port}; all or nothing. */
    List<InetAddress> addresses(String host, int port) throws Refused {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("cannot resolve " + host);
        }
        for (InetAddress a : all) {
            String why = refusal(a, port, allowPrivate, platformPorts.get());
            if (why != null) {
                throw new Refused(host + " (" + a.getHostAddress() + ") " + why);
            }
        }
        return Arrays.asList(all);
    }

    /** Why a connection to {@code address:port} is refused, or null when it is allowed. */
    static String refusal(InetAddress address, int port, boolean allowPrivate, Set<Integer> platformPorts) {
        if (!internal(address)) {
            return null;
        }
        if (!allowPrivate) {
            return "is a loopback, private or link-local address; drains go to public hosts only";
        }
        if (platformPorts.contains(port)) {
            return "port " + port + " is one of the platform's own services";
        }
        return null;
    }

    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12);
            if (v6.isIPv4CompatibleAddress() || nat64) {
                try {
                    return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
