package dev.paas.router.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The router's access log as a test reads it: every line written so far. */
public final class LogLines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    public synchronized List<String> all() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    public List<String> containing(String part) {
        return all().stream().filter(line -> line.contains(part)).toList();
    }
}
