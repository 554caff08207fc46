package dev.paas.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one rule for enums that travel as words: the lower-case name, and an error naming the allowed words. */
final class WireWords {
    private WireWords() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose word is {@code wire}; else an error saying which words there are. */
    static <E extends Enum<E>> E parse(Class<E> type, String wire, String what) {
        E[] values = type.getEnumConstants();
        for (E v : values) { // a loop: read on every row of some hot reads (a release's status)
            if (v.name().equalsIgnoreCase(wire) && of(v).equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " \"" + wire + "\": one of "
                + Arrays.stream(values).map(WireWords::of).collect(Collectors.joining(", ")));
    }
}
