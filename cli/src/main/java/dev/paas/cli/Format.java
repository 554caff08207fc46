package dev.paas.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The heroku CLI's output shapes. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String app(String name) {
        return "⬢ " + name;
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String header(String title) {
        return "=== " + title;
    }

    /** {@code KEY: value} lines with the values aligned, as heroku config prints them. */
    public static String aligned(Map<String, String> values) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        var out = new StringBuilder();
        values.forEach((k, v) -> out.append(String.format("%-" + width + "s %s%n", k + ":", v)));
        return out.toString();
    }

    /** Strips an optional leading v from a release version: {@code v3} and {@code 3} both name v3. */
    public static String version(String arg) {
        String s = arg.trim();
        if (!s.matches("[vV]?\\d{1,9}") && !s.matches("[0-9a-fA-F-]{36}")) {
            throw new UserError("'" + arg + "' is not a release version such as v3.");
        }
        return s.replaceFirst("^[vV]", "");
    }
}
