package dev.paas.allinone.log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stream of lines (the router's access log) written to {@code out} in the loggers' shape, each
 * line whole in one write, so that it never interleaves with a logger's line.
 */
public final class TaggedLines extends OutputStream {
    private final PrintStream out;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** Lines tagged {@code component}, with {@code logger} in the logger's column. */
    public TaggedLines(PrintStream out, String component, String logger) {
        this.out = out;
        this.prefix = " " + component + " INFO " + logger + " - ";
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    private void emit() {
        byte[] head = (Instant.now() + prefix).getBytes(StandardCharsets.US_ASCII);
        var whole = new byte[head.length + line.size() + 1];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(line.toByteArray(), 0, whole, head.length, line.size());
        whole[whole.length - 1] = '\n';
        out.write(whole, 0, whole.length);
        line.reset();
    }

    @Override
    public void flush() {
        out.flush();
    }
}
