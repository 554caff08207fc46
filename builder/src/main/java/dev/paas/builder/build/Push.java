package dev.paas.builder.build;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * One deploying push: the app, the pusher the builder authenticated and their client (for what they may read), the
 * pushed commit, and the push's cancellation (its client going away, or a cancel through the API).
 */
public record Push(Wire.App app, Wire.Account pusher, PlatformClient client, Repository repository, ObjectId commit,
                   Cancellation cancel) {
}
