package dev.paas.builder.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Writes a commit's tree into a directory: files with their executable bit, symlinks as links; submodules skipped. */
public final class SourceTree {
    private SourceTree() {
    }

    /** Returns how many files and links it wrote. */
    public static int export(Repository repo, ObjectId commit, Path dir) throws IOException {
        Files.createDirectories(dir);
        int written = 0;
        try (var walk = new RevWalk(repo); var tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                Path target = dir.resolve(tree.getPathString()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("path escapes the source directory: " + tree.getPathString());
                }
                Files.createDirectories(target.getParent());
                var loader = repo.open(tree.getObjectId(0));
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(target, Path.of(new String(loader.getBytes(), StandardCharsets.UTF_8)));
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        loader.copyTo(out);
                    }
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            mode == FileMode.EXECUTABLE_FILE ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    continue;
                }
                written++;
            }
        }
        return written;
    }
}
