package dev.paas.cli.run;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Joins {@code paas run}'s arguments into the one command line the process's shell runs, as the
 * Heroku CLI does: a single argument is taken as written (a whole script: {@code 'a; b'}); of
 * several, those the shell would split or misread are double-quoted, so that
 * {@code paas run -- node -e 'console.log(1)'} runs what was typed, and $VARS still expand.
 */
final class ShellWords {
    private static final String SPECIAL = " \t\"'()<>;&|`*?[]{}#~";

    private ShellWords() {
    }

    static String join(List<String> args) {
        if (args.size() == 1) {
            return args.getFirst();
        }
        return args.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> SPECIAL.indexOf(c) >= 0)) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`") + "\"";
    }
}
