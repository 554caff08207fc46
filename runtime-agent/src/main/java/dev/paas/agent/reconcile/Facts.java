package dev.paas.agent.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the diff knows besides the two lists, so that it decides the timed steps too while staying pure.
 *
 * @param now         the pass's time
 * @param drain       how long a web process that is to stop keeps serving first
 * @param bootTimeout a process still {@code STARTING} this long after its start is killed (Heroku's R10)
 * @param coolingDown slots that crashed too often lately: their exited container stays, nothing starts
 * @param notices     by container id, each process already asked to stop and still draining
 * @param health      by container id, what the health checks of a process with checks found so far
 */
public record Facts(Instant now, Duration drain, Duration bootTimeout, Set<InstanceKey> coolingDown,
                    Map<String, StopNotice> notices, Map<String, Health> health) {

    /** No clock: nothing drains, nothing times out booting (no instance has a start time), nothing cools down. */
    public static final Facts TIMELESS = new Facts(Instant.EPOCH, Duration.ZERO, Duration.ZERO, Set.of(), Map.of());

    public Facts {
        coolingDown = Set.copyOf(coolingDown);
        notices = Map.copyOf(notices);
        health = Map.copyOf(health);
    }

    public Facts(Instant now, Duration drain, Duration bootTimeout, Set<InstanceKey> coolingDown,
                 Map<String, StopNotice> notices) {
        this(now, drain, bootTimeout, coolingDown, notices, Map.of());
    }

    Facts coolingDown(Set<InstanceKey> keys) {
        return new Facts(now, drain, bootTimeout, keys, notices, health);
    }

    /** The container's health, when it has checks; null when it has none (or none known). */
    Health health(String containerId) {
        return health.get(containerId);
    }

    /**
     * When a process was first asked to stop, and when a report then told the control plane (and
     * so the routers) of it; {@code told} is null until a report succeeds.
     */
    public record StopNotice(Instant asked, Instant told) {

        /** Routers take a process out of rotation only once told: the drain counts from then. */
        Instant drainFrom() {
            return told != null ? told : asked;
        }
    }
}
