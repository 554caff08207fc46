package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An app's web processes as a whole, in its route: {@code up} (backends listed), {@code starting},
 * {@code crashed} or {@code none} (no web process at all), so that a router can tell Heroku's H10
 * (app crashed) from H14 (no web processes running).
 */
public enum WebState {
    UP, STARTING, CRASHED, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static WebState of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown web state \"" + wire + "\": one of "
                        + Arrays.stream(values()).map(WebState::wire).collect(Collectors.joining(", "))));
    }
}
