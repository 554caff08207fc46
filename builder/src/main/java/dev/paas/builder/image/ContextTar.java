package dev.paas.builder.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Docker build context (or an image layer's files) written as a tar: files keep their modes and symlinks stay
 * links; entries are root's unless added with an owner.
 */
public final class ContextTar implements AutoCloseable {
    private final TarArchiveOutputStream tar;

    public ContextTar(OutputStream out) {
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Adds a file from memory. */
    public void add(String name, byte[] content, int mode) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Adds everything under {@code dir} below {@code prefix} ("" for the root of the tar). */
    public void addTree(Path dir, String prefix) throws IOException {
        addTree(dir, prefix, 0);
    }

    /** A directory entry ({@code name} ends with "/"), owned by {@code owner} (uid and gid). */
    public void addDirectory(String name, int owner) throws IOException {
        var entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(040755);
        own(entry, owner);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** As {@link #addTree(Path, String)}, every entry owned by {@code owner} (uid and gid). */
    public void addTree(Path dir, String prefix, int owner) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                if (path.equals(dir)) {
                    continue;
                }
                String name = prefix + dir.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)) {
                    var entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                    own(entry, owner);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    var entry = new TarArchiveEntry(name + "/");
                    entry.setMode(040755);
                    own(entry, owner);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    var entry = new TarArchiveEntry(name);
                    entry.setSize(Files.size(path));
                    entry.setMode(executable(path) ? 0100755 : 0100644);
                    own(entry, owner);
                    tar.putArchiveEntry(entry);
                    Files.copy(path, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
    }

    private static void own(TarArchiveEntry entry, int owner) {
        entry.setUserId(owner);
        entry.setGroupId(owner);
    }

    private static boolean executable(Path path) throws IOException {
        return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    @Override
    public void close() throws IOException {
        tar.finish();
        tar.close();
    }
}
