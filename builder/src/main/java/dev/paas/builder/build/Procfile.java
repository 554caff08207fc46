package dev.paas.builder.build;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Heroku's Procfile: one {@code type: command} a line; blank lines and {@code #} comments are skipped. */
public final class Procfile {
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]{1,30}):\\s*(\\S.*)$");

    private Procfile() {
    }

    /** The process types in file order; a malformed line fails the build with its number. */
    public static Map<String, String> parse(String text) {
        var types = new LinkedHashMap<String, String>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new BuildFailure("Procfile line " + (i + 1) + " is not 'type: command' (a type is letters, "
                        + "digits, '-' or '_'): " + line);
            }
            if (types.putIfAbsent(m.group(1), m.group(2).strip()) != null) {
                throw new BuildFailure("Procfile line " + (i + 1) + " declares process type '" + m.group(1)
                        + "' a second time");
            }
        }
        return types;
    }
}
