package dev.paas.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A process's state, in Heroku's words for a dyno, as agents report it and {@code ps} shows it:
 * {@code waiting} is ours, a slot of the formation that no agent has room for yet. On the wire it is
 * the lower-case name.
 */
public enum ProcessState {
    STARTING, UP, CRASHED, DOWN, WAITING;

    /** What an agent may report of a container; {@code waiting} is the control plane's to say. */
    public boolean reportable() {
        return this != WAITING;
    }

    /** The process has ended: it crashed, or (a one-off) it finished. */
    public boolean ended() {
        return this == CRASHED || this == DOWN;
    }

    @JsonValue
    public String wire() {
        return WireWords.of(this);
    }

    @Override
    public String toString() {
        return wire();
    }

    @JsonCreator
    public static ProcessState of(String wire) {
        return WireWords.parse(ProcessState.class, wire, "process state");
    }
}
