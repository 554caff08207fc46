package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An app's web processes as a whole, in its route: {@code up} (backends listed), {@code starting},
 * {@code crashed} or {@code none} (no web process at all), so that a router can tell Heroku's H10
 * (app crashed) from H14 (no web processes running).
 */
public enum WebState {
    UP, STARTING, CRASHED, NONE;

    @JsonValue
    public String wire() {
        return WireWords.of(this);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static WebState of(String wire) {
        return WireWords.parse(WebState.class, wire, "web state");
    }
}
