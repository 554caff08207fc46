package dev.paas.builder.cleanup;

import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.fs.FileTrees;
import dev.paas.builder.git.AppRepositories;
import dev.paas.builder.image.AppImage;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a destroyed app left on the builder: its git repository, its build cache and the images built for
 * it. It compares the API's live apps with what is on disk and in the engine, at start and then periodically, so it
 * converges whether the app was destroyed while the builder ran or while it was down.
 */
public final class AppSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(AppSweeper.class);
    private final PlatformClient service;
    private final DockerEngine docker;
    private final AppRepositories repositories;
    private final Path cacheDir;

    public AppSweeper(PlatformClient service, DockerEngine docker, AppRepositories repositories, Path cacheDir) {
        this.service = service;
        this.docker = docker;
        this.repositories = repositories;
        this.cacheDir = cacheDir;
    }

    /** One pass; errors are logged and the next pass tries again. */
    public void sweep() {
        try {
            Set<UUID> live = service.apps().stream().map(a -> a.id()).collect(Collectors.toSet());
            var stored = new HashSet<>(repositories.appIds());
            stored.addAll(cacheApps());
            var leftovers = Leftovers.of(live, stored, docker.appImages(AppImage.APP_ID_LABEL));
            for (UUID app : leftovers.apps()) {
                if (!destroyed(app)) {
                    continue; // created after the listing: not a leftover
                }
                repositories.delete(app);
                FileTrees.delete(cacheDir.resolve(app.toString()));
                LOG.info("at=info msg=\"removed a destroyed app's repository and cache\" app_id={}", app);
            }
            var images = docker.appImages(AppImage.APP_ID_LABEL);
            for (String image : leftovers.images()) {
                UUID app = UUID.fromString(images.getOrDefault(image, "00000000-0000-0000-0000-000000000000"));
                if (images.containsKey(image) && destroyed(app) && !docker.removeImage(image)) {
                    LOG.info("at=info msg=\"image of a destroyed app still in use; trying again later\" image={}",
                            image);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("at=warn msg=\"sweep of destroyed apps failed; trying again later\"", e);
        }
    }

    private boolean destroyed(UUID app) {
        try {
            service.app(app.toString());
            return false;
        } catch (ApiException e) {
            return e.status() == 404;
        }
    }

    private Set<UUID> cacheApps() {
        if (!Files.isDirectory(cacheDir)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            var ids = new HashSet<UUID>();
            dirs.forEach(d -> {
                try {
                    ids.add(UUID.fromString(d.getFileName().toString()));
                } catch (IllegalArgumentException notAnApp) {
                    // not ours
                }
            });
            return ids;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
