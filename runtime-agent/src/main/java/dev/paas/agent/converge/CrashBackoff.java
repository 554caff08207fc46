package dev.paas.agent.converge;

import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Heroku's crash cool-off: a crashed process restarts at once the first time, then after 1 s,
 * 2 s, 4 s ... up to a ceiling, so a process that cannot start does not spin the host. A slot's
 * count resets when it moves to another release or stays up for the stable period.
 */
final class CrashBackoff {
    private final Duration ceiling;
    private final Duration stable;
    private final Map<InstanceKey, Slot> slots = new HashMap<>();

    private record Slot(int release, int crashes, Instant lastCrash, Set<String> seen) {
    }

    CrashBackoff(Duration ceiling, Duration stable) {
        this.ceiling = ceiling;
        this.stable = stable;
    }

    /** Records a crash of {@code containerId} once, however often it is observed. */
    void crashed(InstanceKey key, int release, String containerId, Instant now) {
        Slot slot = slots.get(key);
        if (slot == null || slot.release() != release) {
            slot = new Slot(release, 0, now, new HashSet<>());
        }
        if (slot.seen().add(containerId)) {
            slot = new Slot(release, slot.crashes() + 1, now, slot.seen());
        }
        slots.put(key, slot);
    }

    /** A slot up since {@code upSince} for the stable period forgets its crashes. */
    void up(InstanceKey key, Instant now, Instant upSince) {
        Slot slot = slots.get(key);
        if (slot != null && upSince != null && Duration.between(upSince, now).compareTo(stable) >= 0) {
            slots.remove(key);
        }
    }

    /** How long after its last crash the slot may start again: 0 after one crash, then doubling. */
    Duration delay(InstanceKey key) {
        Slot slot = slots.get(key);
        if (slot == null || slot.crashes() <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(30, slot.crashes() - 2);
        return seconds >= ceiling.toSeconds() ? ceiling : Duration.ofSeconds(seconds);
    }

    Set<InstanceKey> coolingDown(Instant now) {
        var cooling = new HashSet<InstanceKey>();
        slots.forEach((key, slot) -> {
            if (now.isBefore(slot.lastCrash().plus(delay(key)))) {
                cooling.add(key);
            }
        });
        return cooling;
    }

    /** When the first cool-off still running ends: a pass is due then, to restart that slot. */
    java.util.Optional<Instant> nextEnd(Instant now) {
        return slots.entrySet().stream().map(e -> e.getValue().lastCrash().plus(delay(e.getKey())))
                .filter(now::isBefore).min(Instant::compareTo);
    }
}
