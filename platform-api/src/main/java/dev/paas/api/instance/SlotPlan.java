package dev.paas.api.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The decision of a reschedule, pure so its rules are tested with tables: from an app's formation,
 * its slots and the room other apps leave on each agent, which slots to drop, add and move. A slot
 * stays on its agent while the agent is open and still has room for it (at its current size), else it
 * moves to the agent {@link Placement#choose} picks (fewest of its type first, so an app's web
 * processes spread over hosts), else it waits with no agent. A slot on a draining agent that no open
 * agent has room for stays where it is: it keeps running until room appears.
 */
final class SlotPlan {
    private SlotPlan() {
    }

    /** A slot as stored: {@code agentId} null while it waits. */
    record Slot(UUID id, String type, int index, UUID agentId) {
    }

    /** A new slot; {@code agentId} null when no agent has room. */
    record Add(String type, int index, UUID agentId) {
    }

    /** A kept slot that changes agent; {@code agentId} null when it must wait. */
    record Move(UUID slotId, UUID agentId) {
    }

    /** What to write; {@code touched} are the agents whose desired slots change. */
    record Outcome(List<UUID> drops, List<Add> adds, List<Move> moves, Set<UUID> touched) {
        boolean changed() {
            return !drops.isEmpty() || !adds.isEmpty() || !moves.isEmpty();
        }
    }

    /**
     * @param formation the process types that run (of a release with an image), by type
     * @param slots the app's slots now
     * @param others every alive agent's room with only other apps' use counted, in a stable order
     */
    static Outcome decide(Map<String, Placement.Demand> formation, List<Slot> slots, List<Placement.Load> others) {
        var quantities = new TreeMap<String, Placement.Demand>(formation);
        var drops = new ArrayList<UUID>();
        var touched = new HashSet<UUID>();
        Map<String, Slot> existing = new HashMap<>();
        for (Slot slot : slots) {
            var demand = quantities.get(slot.type());
            if (slot.index() > (demand == null ? 0 : demand.quantity())) {
                drops.add(slot.id());
                if (slot.agentId() != null) {
                    touched.add(slot.agentId());
                }
            } else {
                existing.put(slot.type() + "." + slot.index(), slot);
            }
        }
        Map<UUID, Placement.Load> loads = new LinkedHashMap<>();
        others.forEach(l -> loads.put(l.agentId(), l));
        Map<String, Map<UUID, Integer>> ofType = new HashMap<>();
        // Kept slots first, so a slot that fits where it is never loses its place to a new one.
        var pending = new ArrayList<Slot>();
        for (var q : quantities.entrySet()) {
            int mb = q.getValue().memoryMb();
            for (int index = 1; index <= q.getValue().quantity(); index++) {
                Slot slot = existing.get(q.getKey() + "." + index);
                Placement.Load load = slot == null || slot.agentId() == null ? null : loads.get(slot.agentId());
                if (load != null && load.open() && load.fits(mb)) {
                    take(loads, ofType, q.getKey(), load, mb);
                } else {
                    pending.add(slot != null ? slot : new Slot(null, q.getKey(), index, null));
                }
            }
        }
        var adds = new ArrayList<Add>();
        var moves = new ArrayList<Move>();
        for (Slot slot : pending) {
            int mb = quantities.get(slot.type()).memoryMb();
            var chosen = Placement.choose(List.copyOf(loads.values()), mb,
                    ofType.getOrDefault(slot.type(), Map.of()));
            Placement.Load draining = slot.agentId() == null ? null : loads.get(slot.agentId());
            if (chosen.isEmpty() && draining != null && !draining.open()) {
                take(loads, ofType, slot.type(), draining, mb);
                continue;
            }
            UUID agentId = chosen.map(Placement.Load::agentId).orElse(null);
            chosen.ifPresent(l -> take(loads, ofType, slot.type(), l, mb));
            if (slot.id() == null) {
                adds.add(new Add(slot.type(), slot.index(), agentId));
            } else if (!Objects.equals(slot.agentId(), agentId)) {
                moves.add(new Move(slot.id(), agentId));
                if (slot.agentId() != null) {
                    touched.add(slot.agentId());
                }
            }
            if (agentId != null) {
                touched.add(agentId);
            }
        }
        return new Outcome(List.copyOf(drops), List.copyOf(adds), List.copyOf(moves), Set.copyOf(touched));
    }

    private static void take(Map<UUID, Placement.Load> loads, Map<String, Map<UUID, Integer>> ofType, String type,
                             Placement.Load load, int mb) {
        loads.put(load.agentId(), load.plus(mb));
        ofType.computeIfAbsent(type, t -> new HashMap<>()).merge(load.agentId(), 1, Integer::sum);
    }
}
