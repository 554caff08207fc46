package dev.paas.api.domain;

import dev.paas.api.error.ApiFailure;
import java.util.regex.Pattern;

/**
 * What a custom domain may be: a DNS name with at least two labels that no one else has a claim to.
 * Refused: IP addresses in any form a client would take for one (the router and browsers would
 * route them, and they name the platform's own hosts); names under the platform's domain other than
 * below the app's own default hostname (they belong to other apps, present or future); wildcards,
 * because the router matches exact hostnames only.
 */
final class Hostnames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // URL parsers (WHATWG's "ends in a number") read a host whose last label is a number as IPv4:
    // 127.1, 0x7f.1 and 2130706433 all mean 127.0.0.1. No real top-level domain is numeric.
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    private Hostnames() {
    }

    /** The normalized hostname, if {@code app} (whose default hostname is app.platformDomain) may add it. */
    static String validate(String hostname, String app, String platformDomain) {
        if (hostname == null || hostname.isBlank()) {
            throw ApiFailure.invalid("Give a 'hostname', such as www.example.com.");
        }
        String h = hostname.strip().toLowerCase(java.util.Locale.ROOT);
        String[] labels = h.split("\\.", -1);
        if (h.contains(":") || h.contains("[") || NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            throw ApiFailure.invalid("'" + hostname + "' is an IP address (or reads as one): a custom domain must be "
                    + "a DNS name such as www.example.com, without a port.");
        }
        if (h.startsWith("*.")) {
            throw ApiFailure.invalid("Wildcard domains such as '" + hostname + "' are not supported: the router "
                    + "matches exact hostnames only. Add each hostname (www.example.com, shop.example.com) instead.");
        }
        boolean ok = h.length() <= 253 && labels.length >= 2;
        for (int i = 0; ok && i < labels.length; i++) {
            ok = LABEL.matcher(labels[i]).matches();
        }
        if (!ok) {
            throw ApiFailure.invalid("'" + hostname + "' is not a valid hostname: use DNS labels of letters, digits "
                    + "and dashes joined by dots, such as www.example.com.");
        }
        String own = app + "." + platformDomain;
        if ((h.equals(platformDomain) || h.endsWith("." + platformDomain)) && !h.endsWith("." + own)) {
            throw ApiFailure.invalid("'" + hostname + "' is under " + platformDomain + ", whose names belong to the "
                    + "platform's apps: an app may only add names under its own hostname, such as www." + own + ".");
        }
        return h;
    }
}
