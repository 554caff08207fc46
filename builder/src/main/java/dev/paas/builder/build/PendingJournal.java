package dev.paas.builder.build;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builds this builder has started and not finished, one file per build on disk. A builder killed mid-build
 * finds them at its next start and marks them failed, so no build stays "pending" for ever.
 */
public final class PendingJournal {
    private static final Logger LOG = LoggerFactory.getLogger(PendingJournal.class);
    static final String RESTARTED = "The builder stopped during this build; push again to retry.";
    private final Path dir;

    public PendingJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void started(String app, UUID build) {
        try {
            Files.writeString(dir.resolve(build.toString()), app, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finished(UUID build) {
        try {
            Files.deleteIfExists(dir.resolve(build.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks every build left in the journal failed, with an admin client; returns how many it marked. */
    public int failLeftovers(PlatformClient admin) {
        int failed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String app = Files.readString(file, StandardCharsets.UTF_8).strip();
                String build = file.getFileName().toString();
                try {
                    admin.updateBuild(app, build,
                            new Wire.BuildUpdate("failed", null, null, null, RESTARTED));
                    failed++;
                    LOG.info("at=info msg=\"failed a build left pending by a stopped builder\" app={} build={}",
                            app, build);
                } catch (ApiException e) {
                    // 404: the app is gone; 409: finished meanwhile. Either way nothing is left pending.
                    LOG.info("at=info msg=\"left-over build not failed\" app={} build={} status={} reason=\"{}\"",
                            app, build, e.status(), e.getMessage());
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return failed;
    }
}
