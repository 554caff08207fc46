package dev.paas.builder.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Turns a stream of byte chunks into whole lines; a chunk may end mid-line or mid-character. */
final class LineSplitter {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    synchronized void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                emit();
            } else {
                partial.write(b);
            }
        }
    }

    synchronized void flush() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        lines.accept(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
    }
}
