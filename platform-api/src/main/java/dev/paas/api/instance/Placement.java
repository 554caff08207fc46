package dev.paas.api.instance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Where a new slot goes, and whether a formation can fit at all: pure, so its rules are tested with tables. */
public final class Placement {
    private Placement() {
    }

    /**
     * An agent's room: its memory, what its slots use, and how many of this app's slots it has;
     * {@code open} false for a draining host: it keeps what it runs until that can move, takes nothing new.
     */
    record Load(UUID agentId, String name, int capacityMb, int usedMb, int appSlots, boolean open) {
        Load(UUID agentId, String name, int capacityMb, int usedMb, int appSlots) {
            this(agentId, name, capacityMb, usedMb, appSlots, true);
        }

        Load plus(int mb) {
            return new Load(agentId, name, capacityMb, usedMb + mb, appSlots + 1, open);
        }

        int freeMb() {
            return Math.max(0, capacityMb - usedMb);
        }

        boolean fits(int mb) {
            return usedMb + mb <= capacityMb;
        }
    }

    /** What a process type of a formation asks for. */
    public record Demand(int quantity, String size, int memoryMb) {
        int totalMb() {
            return quantity * memoryMb;
        }
    }

    /**
     * The open agent with room for {@code memoryMb} that runs the fewest of this app's slots (to spread
     * an app across hosts), then the one with the most memory free; empty when no agent has room.
     */
    static Optional<Load> choose(List<Load> loads, int memoryMb) {
        return choose(loads, memoryMb, Map.of());
    }

    /**
     * As above, but first the agent that runs the fewest slots of the same process type ({@code sameType},
     * by agent): an app's web processes land on different hosts while there are hosts with room for them,
     * so that losing one host leaves the others serving.
     */
    static Optional<Load> choose(List<Load> loads, int memoryMb, Map<UUID, Integer> sameType) {
        return loads.stream()
                .filter(l -> l.open() && l.fits(memoryMb))
                .min(Comparator.<Load>comparingInt(l -> sameType.getOrDefault(l.agentId(), 0))
                        .thenComparingInt(Load::appSlots)
                        .thenComparing(Comparator.comparingInt(Load::freeMb).reversed())
                        .thenComparing(Load::name));
    }

    /** Why a slot of {@code memoryMb} has no agent, for {@code paas ps}. */
    static String waitingReason(List<Load> loads, int memoryMb) {
        if (loads.isEmpty()) {
            return "no runtime agent is running";
        }
        if (loads.stream().noneMatch(Load::open)) {
            return "every runtime agent is draining: undrain one or add a host";
        }
        int largest = loads.stream().filter(Load::open).mapToInt(Load::freeMb).max().orElse(0);
        return "no agent has " + memoryMb + " MB free; largest free is " + largest + " MB";
    }

    /**
     * Why the formation {@code demands} could never run on agents of {@code capacitiesMb}, even with
     * nothing else on them; empty when it could (then slots that do not fit now wait for room).
     * With no agents at all, nothing is known yet: slots wait for the first one.
     */
    public static Optional<String> neverFits(List<Integer> capacitiesMb, Map<String, Demand> demands) {
        return tooLarge(capacitiesMb, demands).or(() -> tooMuch(capacitiesMb, demands));
    }

    /** Why a process of {@code demands} could never fit on any one agent; empty when each could. */
    public static Optional<String> tooLarge(List<Integer> capacitiesMb, Map<String, Demand> demands) {
        if (capacitiesMb.isEmpty()) {
            return Optional.empty();
        }
        int largest = capacitiesMb.stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (var e : demands.entrySet()) {
            Demand d = e.getValue();
            if (d.quantity() > 0 && d.memoryMb() > largest) {
                return Optional.of("A " + d.size() + " process needs " + d.memoryMb() + " MB, but the largest "
                        + "runtime agent offers " + largest + " MB: choose a smaller size for '" + e.getKey() + "'.");
            }
        }
        return Optional.empty();
    }

    /** Why {@code demands} together could never fit on all agents together; empty when they could. */
    static Optional<String> tooMuch(List<Integer> capacitiesMb, Map<String, Demand> demands) {
        if (capacitiesMb.isEmpty()) {
            return Optional.empty();
        }
        int total = capacitiesMb.stream().mapToInt(Integer::intValue).sum();
        int asked = demands.values().stream().mapToInt(Demand::totalMb).sum();
        if (asked > total) {
            return Optional.of("This formation needs " + asked + " MB in all ("
                    + demands.entrySet().stream().filter(e -> e.getValue().quantity() > 0).sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue().quantity() + ":" + e.getValue().size())
                            .collect(Collectors.joining(" "))
                    + "), but the runtime agents offer " + total + " MB in all: scale down or use smaller sizes.");
        }
        return Optional.empty();
    }
}
