package dev.paas.router.tls;

import dev.paas.client.Wire;
import io.netty.handler.ssl.SslContext;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One immutable view of the feed, swapped whole: the certificate for each hostname ({@code *.example.com}
 * kept under {@code example.com}, for names one label below), the default certificate, ACME answers and
 * apps' HTTPS options.
 */
public record TlsTable(Map<String, SslContext> exact, Map<String, SslContext> wildcard, SslContext fallback,
                       Map<String, String> challenges, Map<UUID, Wire.HttpsPolicy> policies) {

    /** The certificate for {@code serverName} (SNI, any case; null without SNI). */
    public SslContext select(String serverName) {
        if (serverName == null) {
            return fallback;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        SslContext exactMatch = exact.get(name);
        if (exactMatch != null) {
            return exactMatch;
        }
        int dot = name.indexOf('.');
        SslContext wild = dot > 0 ? wildcard.get(name.substring(dot + 1)) : null;
        return wild != null ? wild : fallback;
    }

    public String challenge(String token) {
        return challenges.get(token);
    }

    /** The app's HTTPS options; none set means no redirect and no HSTS. */
    public Wire.HttpsPolicy policy(UUID appId) {
        return appId == null ? null : policies.get(appId);
    }
}
