package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A host (one runtime agent) as operators see it: {@code up} (takes slots), {@code draining} (takes
 * nothing new, its slots move elsewhere), {@code lost} (no heartbeat within the timeout: its slots were
 * moved) or {@code removed} (its agent is told to run nothing until the host is admitted again).
 */
public enum HostState {
    UP, DRAINING, LOST, REMOVED;

    @JsonValue
    public String wire() {
        return WireWords.of(this);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static HostState of(String wire) {
        return WireWords.parse(HostState.class, wire, "host state");
    }
}
