package dev.paas.api.release;

import dev.paas.api.auth.User;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a new release will hold; the ledger gives it its version. {@code userEmail}: its author's, when the caller
 * knows it (a request's user), so that an append in a shared transaction need not read it back (see
 * {@link Ledger}); null otherwise, or without an author.
 */
public record Draft(UUID buildId, String image, Map<String, String> processTypes, Map<String, String> config,
                    String description, UUID userId, Map<String, List<Wire.HealthCheck>> healthchecks,
                    String userEmail) {

    public Draft(UUID buildId, String image, Map<String, String> processTypes, Map<String, String> config,
                 String description, UUID userId, Map<String, List<Wire.HealthCheck>> healthchecks) {
        this(buildId, image, processTypes, config, description, userId, healthchecks, null);
    }

    public Draft(UUID buildId, String image, Map<String, String> processTypes, Map<String, String> config,
                 String description, UUID userId) {
        this(buildId, image, processTypes, config, description, userId, Map.of());
    }

    /** The same build as {@code base} with another config. */
    public static Draft withConfig(ReleaseRow base, Map<String, String> config, String description, UUID userId) {
        return new Draft(base.buildId(), base.image(), base.processTypes(), config, description, userId,
                base.healthchecks());
    }

    /** The same build as {@code base} with another config, by {@code author}. */
    public static Draft withConfigBy(ReleaseRow base, Map<String, String> config, String description, User author) {
        return new Draft(base.buildId(), base.image(), base.processTypes(), config, description, author.id(),
                base.healthchecks(), author.email());
    }
}
