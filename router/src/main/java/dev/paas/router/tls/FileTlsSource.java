package dev.paas.router.tls;

import dev.paas.client.Json;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fixed feed in a file (GET /router/tls JSON), read again on every fetch so that edits apply: trials, tests. */
public final class FileTlsSource implements TlsSource {
    private final Path file;

    public FileTlsSource(Path file) {
        this.file = file;
    }

    @Override
    public Wire.RouterTls fetch() {
        try {
            return Json.mapper().readValue(Files.readAllBytes(file), Wire.RouterTls.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS feed file " + file + ": " + e.getMessage(), e);
        }
    }
}
