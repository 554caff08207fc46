package dev.paas.common.env;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a component's environment, with one set of rules for every component's {@code Config} record:
 * <ul>
 *   <li>a variable set to blank is unset: its default applies (a compose file's {@code ${X:-}} passes blanks);</li>
 *   <li>values are trimmed;</li>
 *   <li>a bad value fails with an {@link IllegalArgumentException} naming the variable, what it got and what is
 *       expected, e.g. {@code PORT must be a port number from 0 to 65535, got 'http'}.</li>
 * </ul>
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The trimmed value, or empty when unset or blank. */
    public Optional<String> optional(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public boolean isSet(String name) {
        return optional(name).isPresent();
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** Fails when unset or blank: {@code NAME is not set: <how>}, where {@code how} says what to give. */
    public String required(String name, String how) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set: " + how));
    }

    public int integer(String name, int fallback, int min, int max) {
        return (int) whole(name, fallback, min, max, "");
    }

    public long longInteger(String name, long fallback, long min, long max) {
        return whole(name, fallback, min, max, "");
    }

    /** A TCP port to listen on; 0 lets the system pick a free one. */
    public int port(String name, int fallback) {
        String value = optional(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        Long parsed = parse(value);
        if (parsed == null || parsed < 0 || parsed > 65535) {
            throw bad(name, "a port number from 0 to 65535 (0: any free port)", value);
        }
        return parsed.intValue();
    }

    /** A whole number of seconds, such as {@code PAAS_BUILD_TIMEOUT_SECONDS=900}. */
    public Duration seconds(String name, long fallbackSeconds, long minSeconds) {
        return seconds(name, fallbackSeconds, minSeconds, Long.MAX_VALUE / 1000);
    }

    public Duration seconds(String name, long fallbackSeconds, long minSeconds, long maxSeconds) {
        return Duration.ofSeconds(whole(name, fallbackSeconds, minSeconds, maxSeconds, " of seconds"));
    }

    /** A whole number of milliseconds, such as {@code PAAS_ROUTER_DRAIN_MS=25000}. */
    public Duration millis(String name, long fallbackMillis, long minMillis) {
        return Duration.ofMillis(whole(name, fallbackMillis, minMillis, Long.MAX_VALUE, " of milliseconds"));
    }

    /** {@code true} or {@code false}, in any case; nothing else, so that a typo is not read as either. */
    public boolean bool(String name, boolean fallback) {
        String value = optional(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, "true or false", value);
        };
    }

    /** One of a fixed set of words, such as {@code epoll}, {@code io_uring} or {@code nio}. */
    public String oneOf(String name, String fallback, Set<String> allowed) {
        String value = string(name, fallback);
        if (!allowed.contains(value)) {
            throw bad(name, "one of " + String.join(", ", new TreeSet<>(allowed)), value);
        }
        return value;
    }

    /** A size the way Docker's json-file log driver takes it: a number and k, m or g, such as {@code 10m}. */
    public String size(String name, String fallback) {
        String value = string(name, fallback).toLowerCase(Locale.ROOT);
        if (!value.matches("[1-9]\\d{0,5}[kmg]")) {
            throw bad(name, "a size such as 10m (a number, then k, m or g)", value);
        }
        return value;
    }

    /** An absolute http(s) URL; trailing slashes are dropped, so paths can be appended. */
    public URI url(String name, String fallback) {
        String value = string(name, fallback).replaceAll("/+$", "");
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException notAUri) {
            // reported below
        }
        throw bad(name, "an absolute http(s) URL such as http://127.0.0.1:5000", value);
    }

    private long whole(String name, long fallback, long min, long max, String unit) {
        String value = optional(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        Long parsed = parse(value);
        if (parsed == null || parsed < min || parsed > max) {
            String range = max >= Integer.MAX_VALUE ? ", at least " + min : " from " + min + " to " + max;
            throw bad(name, "a whole number" + unit + range, value);
        }
        return parsed;
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The one shape of every complaint about a value: which variable, what is expected, what it got. */
    public static IllegalArgumentException bad(String name, String expected, String got) {
        return new IllegalArgumentException(name + " must be " + expected + ", got '" + got + "'");
    }
}
