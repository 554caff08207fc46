package dev.paas.builder.registry;

import dev.paas.builder.image.BaseImagePolicy;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes from the registry the images no one can roll back to: an app's beyond its last {@code retain} releases,
 * and every image of a destroyed app. Only manifests are deleted here (the registry serves on); the blobs they
 * leave are freed by {@code docker-registry garbage-collect}, which needs the registry stopped, so bin/platform runs
 * it (at {@code up} and {@code registry-gc}).
 */
public final class RegistrySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySweeper.class);
    private final PlatformClient service;
    private final RegistryClient registry;
    private final String address;
    private final int retain;

    public RegistrySweeper(PlatformClient service, RegistryClient registry, String address, int retain) {
        this.service = service;
        this.registry = registry;
        this.address = address;
        this.retain = retain;
    }

    /** One pass; errors are logged and the next pass tries again. Returns how many manifests it deleted. */
    public int sweep() {
        int deleted = 0;
        try {
            Set<String> live = service.apps().stream().map(Wire.App::name).collect(Collectors.toSet());
            for (String repository : registry.repositories()) {
                if (!repository.startsWith(BaseImagePolicy.APP_NAMESPACE)) {
                    continue; // not an app's images: not ours to delete
                }
                String app = repository.substring(BaseImagePolicy.APP_NAMESPACE.length());
                try {
                    deleted += sweep(repository, app, live.contains(app));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("at=warn msg=\"image sweep of an app failed; trying again later\" app={}", app, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("at=warn msg=\"registry image sweep failed; trying again later\"", e);
        }
        return deleted;
    }

    private int sweep(String repository, String app, boolean listedLive) throws IOException, InterruptedException {
        // Tags first, then builds and releases: a build pushed meanwhile is a tag not seen yet, never a loss.
        var tagged = new ArrayList<ImageRetention.Tagged>();
        for (String tag : registry.tags(repository)) {
            registry.digest(repository, tag).ifPresent(d -> tagged.add(new ImageRetention.Tagged(tag, d)));
        }
        if (tagged.isEmpty()) {
            return 0;
        }
        Set<String> doomed;
        if (listedLive || !destroyed(app)) {
            doomed = ImageRetention.doomed(address + "/" + repository, tagged, service.releases(app, retain),
                    service.builds(app));
        } else {
            doomed = tagged.stream().map(ImageRetention.Tagged::digest).collect(Collectors.toSet());
        }
        int deleted = 0;
        for (String digest : doomed) {
            if (registry.delete(repository, digest)) {
                deleted++;
                LOG.info("at=info msg=\"deleted an image no release can roll back to\" app={} image={}@{}", app,
                        repository, digest);
            }
        }
        return deleted;
    }

    /** Asked again by name: an app created after the listing is no leftover. */
    private boolean destroyed(String app) {
        try {
            service.app(app);
            return false;
        } catch (ApiException e) {
            return e.status() == 404;
        }
    }
}
