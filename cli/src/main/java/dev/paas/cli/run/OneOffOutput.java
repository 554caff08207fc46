package dev.paas.cli.run;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads a one-off process's log lines ({@code TIME source[run.N]: text}): its own output is
 * passed on, the platform's "Process exited with status N" ends it with that status.
 */
final class OneOffOutput {
    private static final Pattern LINE = Pattern.compile("^\\S+ (app|heroku)\\[([^\\]]+)]: (.*)$", Pattern.DOTALL);
    private static final Pattern EXITED = Pattern.compile("Process exited with status (-?\\d+)");
    private final String dyno;
    private OptionalInt exitStatus = OptionalInt.empty();

    OneOffOutput(String dyno) {
        this.dyno = dyno;
    }

    /** The process's own text in the line, if it is one of its output lines. */
    Optional<String> accept(String raw) {
        var m = LINE.matcher(raw);
        if (!m.matches() || !m.group(2).equals(dyno)) {
            return Optional.empty();
        }
        if (m.group(1).equals("app")) {
            return Optional.of(m.group(3));
        }
        var exited = EXITED.matcher(m.group(3));
        if (exited.matches()) {
            exitStatus = OptionalInt.of(Integer.parseInt(exited.group(1)));
        }
        return Optional.empty();
    }

    OptionalInt exitStatus() {
        return exitStatus;
    }
}
