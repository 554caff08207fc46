package dev.paas.builder.cleanup;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the builder keeps per app (repositories, caches, images) that belongs to no live app: pure, table-tested. */
public record Leftovers(Set<UUID> apps, List<String> images) {

    /**
     * @param live    ids of the apps the API has now
     * @param stored  ids of apps with a repository or a build cache on disk
     * @param images  image id to the app id it was built for
     */
    public static Leftovers of(Set<UUID> live, Set<UUID> stored, Map<String, String> images) {
        var apps = new java.util.TreeSet<UUID>();
        stored.stream().filter(id -> !live.contains(id)).forEach(apps::add);
        var gone = new java.util.ArrayList<String>();
        images.forEach((image, app) -> {
            UUID id = parse(app);
            if (id != null && !live.contains(id)) {
                gone.add(image);
                apps.add(id);
            }
        });
        return new Leftovers(Set.copyOf(apps), List.copyOf(gone));
    }

    public boolean isEmpty() {
        return apps.isEmpty() && images.isEmpty();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
