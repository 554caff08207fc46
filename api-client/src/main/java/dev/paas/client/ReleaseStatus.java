package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Heroku's release status: {@code pending} while the release phase (the Procfile's {@code release}
 * command) runs, then {@code succeeded} or {@code failed}. The app runs its newest succeeded release.
 */
public enum ReleaseStatus {
    PENDING, SUCCEEDED, FAILED;

    @JsonValue
    public String wire() {
        return WireWords.of(this);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static ReleaseStatus of(String wire) {
        return WireWords.parse(ReleaseStatus.class, wire, "release status");
    }
}
