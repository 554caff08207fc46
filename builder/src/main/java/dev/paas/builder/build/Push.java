package dev.paas.builder.build;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** One deploying push: the app, the pusher's client (so the API decides access), and the pushed commit. */
public record Push(Wire.App app, PlatformClient client, Repository repository, ObjectId commit) {
}
