package dev.paas.api.drain;

import dev.paas.api.error.ApiFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A drain's URL, checked: {@code syslog://host:port}, {@code syslog+tls://host:port}, {@code http://} or
 * {@code https://host[:port]/path} (user info there is sent as basic auth, as Heroku does).
 */
record DrainUrl(Scheme scheme, String host, int port, String pathAndQuery, String userInfo) {
    static final int MAX_LENGTH = 2048;

    enum Scheme {
        SYSLOG(false), SYSLOG_TLS(true), HTTP(false), HTTPS(true);

        final boolean tls;

        Scheme(boolean tls) {
            this.tls = tls;
        }

        boolean syslog() {
            return this == SYSLOG || this == SYSLOG_TLS;
        }
    }

    static DrainUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiFailure.invalid("Give the drain's URL, e.g. syslog+tls://logs.example.com:6514 or "
                    + "https://user:pass@logs.example.com/drain.");
        }
        if (url.length() > MAX_LENGTH) {
            throw ApiFailure.invalid("The drain URL is longer than " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiFailure.invalid("'" + url + "' is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Scheme kind = switch (scheme) {
            case "syslog" -> Scheme.SYSLOG;
            case "syslog+tls" -> Scheme.SYSLOG_TLS;
            case "http" -> Scheme.HTTP;
            case "https" -> Scheme.HTTPS;
            default -> throw ApiFailure.invalid("A drain URL starts with syslog://, syslog+tls://, http:// or "
                    + "https://; got '" + url + "'.");
        };
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw ApiFailure.invalid("The drain URL '" + url + "' has no host name.");
        }
        int port = uri.getPort();
        if (kind.syslog()) {
            if (port < 1) {
                throw ApiFailure.invalid("A syslog drain needs a port, e.g. " + scheme + "://" + host + ":6514.");
            }
            if (uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null) {
                throw ApiFailure.invalid("A syslog drain URL is scheme://host:port only; got '" + url + "'.");
            }
        } else if (port == -1) {
            port = kind.tls ? 443 : 80;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new DrainUrl(kind, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port,
                pathAndQuery, uri.getUserInfo());
    }

    /** The Host header's value. */
    String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        boolean usual = port == (scheme.tls ? 443 : 80);
        return usual ? h : h + ":" + port;
    }
}
