package dev.paas.api.domain;

import dev.paas.api.error.ApiFailure;
import java.util.regex.Pattern;

/** What a custom domain may be: a DNS name with at least two labels, optionally a leading wildcard. */
final class Hostnames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Hostnames() {
    }

    static String validate(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            throw ApiFailure.invalid("Give a 'hostname', such as www.example.com.");
        }
        String h = hostname.trim().toLowerCase();
        String[] labels = h.split("\\.", -1);
        boolean ok = h.length() <= 253 && labels.length >= 2;
        for (int i = 0; ok && i < labels.length; i++) {
            ok = LABEL.matcher(labels[i]).matches() || (i == 0 && labels[i].equals("*"));
        }
        if (!ok) {
            throw ApiFailure.invalid("'" + hostname + "' is not a valid hostname: use DNS labels of letters, digits "
                    + "and dashes joined by dots, such as www.example.com (a leading *. makes a wildcard).");
        }
        return h;
    }
}
