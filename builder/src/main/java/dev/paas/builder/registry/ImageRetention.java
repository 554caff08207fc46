package dev.paas.builder.registry;

import dev.paas.client.Wire;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which of an app's images in the registry may go: those no release among its last N uses (they can no longer be
 * rolled back to), unless a build still in flight made them. Tags are build ids (see {@code AppImage.tag}).
 */
public final class ImageRetention {
    private ImageRetention() {
    }

    /** A tag of the app's repository and the manifest digest it names. */
    public record Tagged(String tag, String digest) {
    }

    /**
     * The digests to delete.
     *
     * @param repository   {@code ADDRESS/paas-app/APP}, as release images name it before {@code @}
     * @param tagged       the repository's tags, listed before {@code lastReleases} and {@code builds}
     * @param lastReleases the app's newest releases, newest first: the ones that can be rolled back to
     * @param builds       the app's builds, listed after the tags, so every tag the builder pushed has its build
     *                     here, unless it is a former app's of the same name (destroyed, then created anew); a
     *                     tag that is no build id is not the builder's, and stays
     */
    public static Set<String> doomed(String repository, List<Tagged> tagged, List<Wire.Release> lastReleases,
                                     List<Wire.Build> builds) {
        var kept = new HashSet<String>();
        for (var release : lastReleases) {
            if (release.image() != null && release.image().startsWith(repository + "@")) {
                kept.add(release.image().substring(repository.length() + 1));
            }
        }
        Instant newestRelease = lastReleases.isEmpty() ? null : lastReleases.getFirst().createdAt();
        Map<String, Wire.Build> byId = builds.stream()
                .collect(Collectors.toMap(b -> b.id().toString(), Function.identity(), (a, b) -> a));
        for (var t : tagged) {
            var build = byId.get(t.tag());
            if (build == null ? !isBuildId(t.tag()) : inFlight(build, newestRelease)) {
                kept.add(t.digest());
            }
        }
        var doomed = new LinkedHashSet<String>();
        tagged.stream().map(Tagged::digest).filter(d -> !kept.contains(d)).forEach(doomed::add);
        return doomed;
    }

    private static boolean isBuildId(String tag) {
        try {
            java.util.UUID.fromString(tag);
            return true;
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }

    /**
     * Pushed but not released yet: pending, or succeeded after the newest release (its deploy is on its way). A
     * build that failed after its push (canceled, release phase refused) has nothing to roll back to.
     */
    private static boolean inFlight(Wire.Build build, Instant newestRelease) {
        return switch (build.status()) {
            case "pending" -> true;
            case "succeeded" -> newestRelease == null || build.updatedAt() == null
                    || !build.updatedAt().isBefore(newestRelease);
            default -> false;
        };
    }
}
