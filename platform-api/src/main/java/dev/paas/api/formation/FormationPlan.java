package dev.paas.api.formation;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.instance.Placement;
import dev.paas.client.DynoSize;
import dev.paas.client.Wire.FormationUpdate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a batch of scale requests against the release's process types, and against what the
 * runtime agents could ever hold, before anything is written.
 */
final class FormationPlan {
    static final int MAX_QUANTITY = 100;

    private FormationPlan() {
    }

    /** The updates with sizes normalized to their canonical names; refuses the whole batch on any bad entry. */
    static List<FormationUpdate> validate(List<FormationUpdate> updates, Set<String> knownTypes) {
        if (updates == null || updates.isEmpty()) {
            throw ApiFailure.invalid("No formation updates given. Send {\"updates\": [{\"type\": \"web\", "
                    + "\"quantity\": 2}]}.");
        }
        var seen = new HashSet<String>();
        return updates.stream().map(u -> {
            if (u == null || u.type() == null || u.type().isBlank()) {
                throw ApiFailure.invalid("Each formation update needs a 'type', such as \"web\".");
            }
            if (!seen.add(u.type())) {
                throw ApiFailure.invalid("Process type '" + u.type() + "' appears twice in one update.");
            }
            return validate(u.type(), u.quantity(), u.size(), knownTypes);
        }).toList();
    }

    static FormationUpdate validate(String type, Integer quantity, String size, Set<String> knownTypes) {
        if (dev.paas.client.ProcessTypes.isReleasePhase(type)) {
            throw ApiFailure.invalid("Process type 'release' is the release phase: it runs once for each new release "
                    + "(deploy, config change, rollback), before the release starts, and cannot be scaled.");
        }
        if (!knownTypes.contains(type)) {
            throw ApiFailure.invalid(knownTypes.isEmpty()
                    ? "Couldn't find process type '" + type + "': this app has no process types yet. "
                            + "Deploy a build first (git push paas main)."
                    : "Couldn't find process type '" + type + "'. Known process types: "
                            + String.join(", ", new TreeSet<>(knownTypes)) + ".");
        }
        if (quantity == null && size == null) {
            throw ApiFailure.invalid("Give a 'quantity' and/or a 'size' for process type '" + type + "'.");
        }
        if (quantity != null && (quantity < 0 || quantity > MAX_QUANTITY)) {
            throw ApiFailure.invalid("Quantity for '" + type + "' must be between 0 and " + MAX_QUANTITY + ", got "
                    + quantity + ".");
        }
        String canonical = null;
        if (size != null) {
            canonical = DynoSize.of(size).map(DynoSize::wireName).orElseThrow(() -> ApiFailure.invalid(
                    "Size '" + size + "' is unknown. Sizes: " + String.join(", ", DynoSize.names()) + "."));
        }
        return new FormationUpdate(type, quantity, canonical);
    }

    /**
     * Refuses (422) a change that asks for more memory than the alive agents could ever hold: a
     * process larger than the largest agent, or a formation larger than all agents together. A
     * change that fits the agents but not what is free on them now is accepted: the slots that do
     * not fit wait, shown {@code waiting} with why, until room appears. A change that asks for no
     * more memory than before is refused only for a changed type's size that no agent could hold.
     */
    static void refuseIfNeverFits(List<FormationRow> before, List<FormationUpdate> updates, List<Integer> capacities) {
        var demands = new java.util.TreeMap<String, Placement.Demand>();
        for (var f : before) {
            demands.put(f.type(), demand(f.quantity(), f.size()));
        }
        int askedBefore = demands.values().stream().mapToInt(d -> d.quantity() * d.memoryMb()).sum();
        var changed = new java.util.TreeMap<String, Placement.Demand>();
        for (var u : updates) {
            var old = demands.get(u.type());
            var d = demand(u.quantity() != null ? u.quantity() : old == null ? 0 : old.quantity(),
                    u.size() != null ? u.size() : old == null ? DynoSize.DEFAULT.wireName() : old.size());
            demands.put(u.type(), d);
            changed.put(u.type(), d);
        }
        int asked = demands.values().stream().mapToInt(d -> d.quantity() * d.memoryMb()).sum();
        // Sizes are checked for the types changed; the total only when it grows, so scaling down always works.
        var problem = Placement.tooLarge(capacities, changed)
                .or(() -> asked > askedBefore ? Placement.neverFits(capacities, demands) : java.util.Optional.empty());
        problem.ifPresent(p -> {
            throw ApiFailure.invalid(p);
        });
    }

    private static Placement.Demand demand(int quantity, String size) {
        var s = DynoSize.of(size).orElse(DynoSize.DEFAULT);
        return new Placement.Demand(quantity, s.wireName(), s.memoryMb());
    }
}
