package dev.paas.builder.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The builder's directory trees on its own disk: build scratch, caches, warm build containers' directories. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and everything under it; a missing directory is no error. */
    public static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (NoSuchFileException gone) {
            // nothing to delete
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * Moves every entry of {@code from} into {@code to} (both on one file system: each entry is a rename, whatever
     * it holds). An entry whose name {@code to} has already is deleted instead: what is there stays.
     */
    public static void moveEntries(Path from, Path to) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                Path target = to.resolve(entry.getFileName().toString());
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    delete(entry);
                } else {
                    Files.move(entry, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }
}
