package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Heroku's release status: {@code pending} while the release phase (the Procfile's {@code release}
 * command) runs, then {@code succeeded} or {@code failed}. The app runs its newest succeeded release.
 */
public enum ReleaseStatus {
    PENDING, SUCCEEDED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static ReleaseStatus of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown release status \"" + wire + "\": one of "
                        + Arrays.stream(values()).map(ReleaseStatus::wire).collect(Collectors.joining(", "))));
    }
}
