package dev.paas.api.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The platform's storage of dumps: one file per backup under a directory, named after the backup's id.
 * An upload goes to {@code ID.dump.part} and becomes {@code ID.dump} only once its capture succeeded,
 * so a dump cut short is never served.
 */
public final class BackupStore {
    private final Path dir;

    public BackupStore(Path dir) {
        this.dir = dir;
    }

    /** Streams {@code in} to the backup's part file (replacing an earlier attempt's); the bytes written. */
    long receive(UUID id, InputStream in) {
        try {
            Files.createDirectories(dir);
            return Files.copy(in, part(id), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the dump of backup " + id + " under " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The part file as the finished dump; its size, or -1 when no upload arrived. */
    long commit(UUID id) {
        try {
            long size = Files.size(part(id));
            Files.move(part(id), file(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } catch (NoSuchFileException none) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dump of backup " + id + ": " + e.getMessage(), e);
        }
    }

    long size(UUID id) {
        try {
            return Files.size(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("the dump of backup " + id + " is missing from " + dir, e);
        }
    }

    InputStream open(UUID id) throws IOException {
        return Files.newInputStream(file(id));
    }

    /** Removes both the dump and any part file; gone already is fine. */
    void delete(UUID id) {
        try {
            Files.deleteIfExists(part(id));
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the dump of backup " + id + ": " + e.getMessage(), e);
        }
    }

    private Path file(UUID id) {
        return dir.resolve(id + ".dump");
    }

    private Path part(UUID id) {
        return dir.resolve(id + ".dump.part");
    }
}
