package dev.paas.builder.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * One bare repository per app, kept between pushes and named by the app's id (so an app destroyed and created
 * again under the same name starts afresh). Pushes to one app take its lock: one build at a time per app.
 */
public final class AppRepositories {
    private final Path dir;
    private final ConcurrentHashMap<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public AppRepositories(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        // JGit measures the file system's timestamp resolution on first use, by default on the shared
        // ForkJoin pool, and blocks on the result; with that pool busy a push would hang. Measure inline.
        FS.FileStoreAttributes.setBackground(false);
    }

    /** Opens the app's repository, creating it on first use. The caller closes it. */
    public Repository open(UUID app) throws IOException {
        Path path = dir.resolve(app + ".git");
        synchronized (this) {
            if (!Files.isDirectory(path.resolve("objects"))) {
                try (var created = FileRepositoryBuilder.create(path.toFile())) {
                    created.create(true);
                    var config = created.getConfig();
                    config.setBoolean("receive", null, "denyDeletes", true);
                    config.save();
                }
            }
        }
        return new FileRepositoryBuilder().setGitDir(path.toFile()).setMustExist(true).build();
    }

    /** The apps that have a repository here. */
    public java.util.Set<UUID> appIds() throws IOException {
        try (var entries = Files.list(dir)) {
            var ids = new java.util.HashSet<UUID>();
            entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".git")).forEach(n -> {
                try {
                    ids.add(UUID.fromString(n.substring(0, n.length() - 4)));
                } catch (IllegalArgumentException notAnApp) {
                    // not ours
                }
            });
            return ids;
        }
    }

    /** Deletes a destroyed app's repository, under its lock so no push is writing to it. */
    public void delete(UUID app) {
        var lock = lock(app);
        lock.lock();
        try (var paths = Files.walk(dir.resolve(app + ".git"))) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing to delete
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            lock.unlock();
            locks.remove(app);
        }
    }

    public ReentrantLock lock(UUID app) {
        return locks.computeIfAbsent(app, k -> new ReentrantLock(true));
    }
}
