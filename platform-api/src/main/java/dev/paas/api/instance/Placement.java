package dev.paas.api.instance;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where a new slot goes: pure, so its rules are tested with tables. */
final class Placement {
    private Placement() {
    }

    /** An agent's room: its memory, what its slots use, and how many of this app's slots it has. */
    record Load(UUID agentId, String name, int capacityMb, int usedMb, int appSlots) {
        Load plus(int mb) {
            return new Load(agentId, name, capacityMb, usedMb + mb, appSlots + 1);
        }
    }

    /**
     * The agent with room for {@code memoryMb} that runs the fewest of this app's slots (to spread
     * an app across hosts), then the least used; empty when no agent has room.
     */
    static Optional<Load> choose(List<Load> loads, int memoryMb) {
        return loads.stream()
                .filter(l -> l.usedMb() + memoryMb <= l.capacityMb())
                .min(Comparator.comparingInt(Load::appSlots).thenComparingInt(Load::usedMb)
                        .thenComparing(Load::name));
    }
}
