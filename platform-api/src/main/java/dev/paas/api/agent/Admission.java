package dev.paas.api.agent;

import dev.paas.client.HostState;
import java.util.Locale;

/**
 * What the operator lets a host do (its liveness is the agent's own doing): take slots, give them
 * away (draining), or nothing at all (removed, until admitted again).
 */
public enum Admission {
    ADMITTED, DRAINING, REMOVED;

    /** Takes new processes. */
    public boolean open() {
        return this == ADMITTED;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Admission of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** The one host state operators see: removal first, then loss, then draining. */
    public HostState hostState(boolean alive) {
        if (this == REMOVED) {
            return HostState.REMOVED;
        }
        if (!alive) {
            return HostState.LOST;
        }
        return this == DRAINING ? HostState.DRAINING : HostState.UP;
    }
}
