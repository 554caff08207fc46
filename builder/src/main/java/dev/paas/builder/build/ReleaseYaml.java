package dev.paas.builder.build;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a buildpack's {@code bin/release} output the builder uses: {@code default_process_types}, a map of
 * one-line commands. Only that block of the YAML is read; other keys (addons, config_vars) are ignored.
 */
public final class ReleaseYaml {
    private ReleaseYaml() {
    }

    public static Map<String, String> defaultProcessTypes(String yaml) {
        var types = new LinkedHashMap<String, String>();
        boolean inBlock = false;
        for (String raw : yaml.split("\n")) {
            String line = raw.replace("\r", "");
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (!indented) {
                inBlock = line.strip().startsWith("default_process_types:");
                continue;
            }
            int colon = line.indexOf(':');
            if (inBlock && colon > 0) {
                String type = line.substring(0, colon).strip();
                String command = unquote(line.substring(colon + 1).strip());
                if (!type.isEmpty() && !command.isEmpty()) {
                    types.put(type, command);
                }
            }
        }
        return types;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            String inner = s.substring(1, s.length() - 1);
            return s.startsWith("'") ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }
}
