package dev.paas.builder.buildpack;

import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.docker.RunSpec;
import dev.paas.builder.fs.FileTrees;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build container started ahead of the next build, so that a push does not wait for the engine to start one
 * (half a second of Docker 20.10's time, most of it its network set-up). It holds nothing of any app: its
 * directories are empty, and it waits, as root, for the word on its {@code /go/start} pipe before running
 * {@code paas-build} (see {@code paas-build-warm}). The build that takes it puts its source, cache and config in
 * those directories, then says go; from there it is that build's container alone, removed when the build ends, as
 * a build container started for it would be. The next one is started after the push, off its critical path.
 */
final class WarmContainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmContainer.class);
    private static final String PREFIX = "warm-";
    /** How long a build waits for a warm container whose start is under way before it starts its own. */
    private static final long TAKE_WAIT_SECONDS = 20;
    /** How long a stop waits for a warm container whose start is under way (a stop has a budget: keep it short). */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private final DockerEngine docker;
    private final Path workDir;
    private final Function<Path, RunSpec> spec;
    private final Executor starter;
    private CompletableFuture<Warm> next;
    /** Removals of containers builds have had, under way: a stop waits for them as for a start. */
    private final Set<CompletableFuture<Void>> removals = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** A started container and its directories ({@code app}, {@code cache}, {@code env}, {@code out}, {@code go}). */
    record Warm(String containerId, Path dir) {
        Path app() {
            return dir.resolve("app");
        }

        Path cache() {
            return dir.resolve("cache");
        }

        Path env() {
            return dir.resolve("env");
        }

        Path out() {
            return dir.resolve("out");
        }

        Path go() {
            return dir.resolve("go");
        }
    }

    /** {@code spec}: the container to start, given its directory. */
    WarmContainer(DockerEngine docker, Path workDir, Function<Path, RunSpec> spec, Executor starter) {
        this.docker = docker;
        this.workDir = workDir;
        this.spec = spec;
        this.starter = starter;
        removeLeftoverDirs(workDir);
    }

    /** Starts the next warm container unless one is there or starting. */
    synchronized void replenish() {
        if (!closed && next == null) {
            next = CompletableFuture.supplyAsync(this::startOne, starter);
        }
    }

    /**
     * The warm container, now the caller's, or nothing (none was asked for, or it could not start: the caller
     * starts its own, as without one). Waits for one whose start is under way.
     */
    Optional<Warm> take() {
        CompletableFuture<Warm> taken;
        synchronized (this) {
            taken = next;
            next = null;
        }
        if (taken == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(taken.get(TAKE_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("at=warn msg=\"no warm build container; starting one for the build\" error=\"{}\"",
                    e instanceof ExecutionException ? e.getCause().getMessage() : "not started in time");
        }
        taken.thenAccept(this::discard); // started after all, or never: removed either way
        return Optional.empty();
    }

    private Warm startOne() {
        Path dir = workDir.resolve(PREFIX + UUID.randomUUID());
        try {
            for (String sub : new String[] {"app", "cache", "env", "out", "go"}) {
                Files.createDirectories(dir.resolve(sub));
            }
            var mkfifo = new ProcessBuilder("mkfifo", "-m", "600", dir.resolve("go/start").toString())
                    .redirectErrorStream(true).start();
            String said = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo failed: " + said);
            }
            return new Warm(docker.startIdle(spec.apply(dir)), dir);
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("cannot prepare a warm build container's directories", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteTree(dir);
            throw new IllegalStateException("interrupted while starting a warm build container", e);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Tells the taken container to run its build: it reads the word from its pipe. Returns the pipe's writing end,
     * to close once the container has ended (until then the word waits in the pipe for a container not yet reading).
     */
    static RandomAccessFile go(Warm warm) throws IOException {
        // Read and write: opening does not wait for the reader, and the word is never lost to a reader not yet there.
        var pipe = new RandomAccessFile(warm.go().resolve("start").toFile(), "rw");
        pipe.write("go\n".getBytes(StandardCharsets.US_ASCII));
        return pipe;
    }

    /**
     * Removes a container a build has had (ended, or never told to go), and its directory, on the starter's thread:
     * the engine's removal takes a tenth of a second that the push need not wait for. The build has moved its files
     * back; what is left is its config (ENV_DIR) and its answers, gone within moments.
     */
    void retire(Warm used) {
        CompletableFuture<Void> removal;
        synchronized (this) {
            removal = closed ? null : runOnStarter(() -> discard(used));
            if (removal != null) {
                removals.add(removal);
            }
        }
        if (removal == null) {
            discard(used);
            return;
        }
        removal.whenComplete((done, failed) -> removals.remove(removal));
    }

    private CompletableFuture<Void> runOnStarter(Runnable work) {
        try {
            return CompletableFuture.runAsync(work, starter);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    /** Removes a container, and its directory. */
    void discard(Warm warm) {
        docker.removeQuietly(warm.containerId());
        deleteTree(warm.dir());
    }

    /**
     * Removes the warm container, waiting for one whose start is under way: the builder's close stops the starter's
     * thread and the engine client next, and a start cut short there would leave a container created and never
     * started, or running on a deleted directory, that no one removes until a builder starts on the same data dir.
     */
    @Override
    public void close() {
        CompletableFuture<Warm> left;
        synchronized (this) {
            closed = true;
            left = next;
            next = null;
        }
        if (left != null) {
            discardStarting(left);
        }
        try {
            CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("at=warn msg=\"a used build container not removed at stop; the next start removes it\"");
        }
    }

    /** Waits for a start under way (at most {@link #CLOSE_WAIT_SECONDS}), then removes what it started. */
    private void discardStarting(CompletableFuture<Warm> left) {
        try {
            discard(left.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException failed) {
            // it did not start, and its start removed what it had made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left.thenAccept(this::discard);
        } catch (TimeoutException e) {
            LOG.warn("at=warn msg=\"a warm build container still starting at stop; the next start removes it\"");
            left.thenAccept(this::discard);
        }
    }

    /** Directories of warm containers a previous builder process left (their containers are removed at start). */
    private static void removeLeftoverDirs(Path workDir) {
        try (Stream<Path> entries = Files.isDirectory(workDir) ? Files.list(workDir) : Stream.empty()) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(WarmContainer::deleteTree);
        } catch (IOException e) {
            LOG.warn("at=warn msg=\"cannot list the work directory for leftovers\" error=\"{}\"", e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            LOG.warn("at=warn msg=\"cannot remove a warm build container's directory\" dir={} error=\"{}\"", dir,
                    e.getMessage());
        }
    }
}
