package dev.paas.builder.build;

/**
 * A push whose build succeeded and was released, but whose release failed: its release phase failed, or its
 * new web processes never came up (the release was abandoned). The app keeps running its previous release.
 */
public final class ReleaseFailure extends BuildFailure {
    public ReleaseFailure(String reason) {
        super(reason);
    }
}
