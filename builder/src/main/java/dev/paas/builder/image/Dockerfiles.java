package dev.paas.builder.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Dockerfile into instructions the way Docker's parser does: parser directives ({@code # escape=},
 * {@code # syntax=}) at the top, comment lines, line continuations with the escape character, case-insensitive
 * instruction words, leading {@code --flag=value} options, and {@code ONBUILD}'s inner instruction.
 */
public final class Dockerfiles {
    private Dockerfiles() {
    }

    /** One instruction, starting on {@code line} (1-based); {@code inner} is set for ONBUILD. */
    public record Instruction(int line, String keyword, List<String> flags, String rest, Instruction inner) {
        /** A flag's value ({@code --name=value}, the name case-insensitive), or null. */
        public String flag(String name) {
            for (String f : flags) {
                int eq = f.indexOf('=');
                String key = (eq < 0 ? f : f.substring(0, eq)).substring(2).toLowerCase(Locale.ROOT);
                if (key.equals(name)) {
                    return eq < 0 ? "" : f.substring(eq + 1);
                }
            }
            return null;
        }
    }

    /** The parsed file: its directives (names lower-cased) and instructions. */
    public record Parsed(java.util.Map<String, String> directives, List<Instruction> instructions) {
    }

    public static Parsed parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        var directives = new java.util.LinkedHashMap<String, String>();
        int i = 0;
        for (; i < lines.length; i++) {
            var m = java.util.regex.Pattern.compile("^\\s*#\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(.*?)\\s*$")
                    .matcher(lines[i]);
            if (!m.matches() || directives.containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
                break;
            }
            directives.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        char escape = '\\';
        String chosen = directives.get("escape");
        if (chosen != null) {
            if (!chosen.equals("`") && !chosen.equals("\\")) {
                throw new IllegalArgumentException("line 1: invalid escape directive '" + chosen
                        + "': use \\ or `");
            }
            escape = chosen.charAt(0);
        }
        var instructions = new ArrayList<Instruction>();
        StringBuilder current = null;
        int start = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue; // a comment, also inside a continued instruction
            }
            if (current == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            }
            String body = line.stripTrailing();
            boolean continues = !body.isEmpty() && body.charAt(body.length() - 1) == escape;
            current.append(continues ? body.substring(0, body.length() - 1) : body);
            if (!continues) {
                instructions.add(instruction(start, current.toString().strip()));
                current = null;
            }
        }
        if (current != null && !current.toString().isBlank()) {
            instructions.add(instruction(start, current.toString().strip()));
        }
        return new Parsed(directives, instructions);
    }

    private static Instruction instruction(int line, String text) {
        String[] split = text.split("\\s+", 2);
        String keyword = split[0].toUpperCase(Locale.ROOT);
        String rest = split.length > 1 ? split[1].strip() : "";
        if (keyword.equals("ONBUILD")) {
            return new Instruction(line, keyword, List.of(), rest, rest.isEmpty() ? null : instruction(line, rest));
        }
        var flags = new ArrayList<String>();
        while (rest.startsWith("--")) {
            String[] parts = rest.split("\\s+", 2);
            flags.add(parts[0]);
            rest = parts.length > 1 ? parts[1].strip() : "";
        }
        return new Instruction(line, keyword, List.copyOf(flags), rest, null);
    }
}
