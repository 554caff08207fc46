package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private final Placement.Load a = load("a", 1024, 0, 0);
    private final Placement.Load b = load("b", 1024, 0, 0);

    @Test
    void an_app_spreads_across_agents_before_doubling_up() {
        assertThat(Placement.choose(List.of(a.plus(512), b), 512)).map(Placement.Load::name).contains("b");
    }

    @Test
    void among_equal_spread_the_least_used_agent_wins() {
        var busy = load("a", 4096, 3000, 1);
        var idle = load("b", 4096, 100, 1);
        assertThat(Placement.choose(List.of(busy, idle), 512)).map(Placement.Load::name).contains("b");
    }

    @Test
    void an_agent_without_room_is_skipped_and_none_with_room_means_no_place() {
        var full = load("a", 1024, 1024, 0);
        assertThat(Placement.choose(List.of(full, b.plus(512)), 512)).map(Placement.Load::name).contains("b");
        assertThat(Placement.choose(List.of(full), 512)).isEmpty();
        assertThat(Placement.choose(List.of(), 512)).isEmpty();
    }

    @Test
    void a_waiting_slot_says_how_much_it_needs_and_the_most_any_agent_has_free() {
        assertThat(Placement.waitingReason(List.of(load("a", 4096, 1024, 0), load("b", 4096, 3000, 0)), 14336))
                .isEqualTo("no agent has 14336 MB free; largest free is 3072 MB");
        assertThat(Placement.waitingReason(List.of(), 512)).isEqualTo("no runtime agent is running");
    }

    @Test
    void what_could_never_fit_is_named_and_what_could_is_not() {
        record Case(List<Integer> agents, Map<String, Placement.Demand> formation, String refusal) {
        }
        var oneX = (java.util.function.IntFunction<Placement.Demand>) n -> new Placement.Demand(n, "standard-1X", 512);
        var large = new Placement.Demand(1, "performance-L", 14336);
        var cases = List.of(
                new Case(List.of(4096), Map.of("web", large), "A performance-L process needs 14336 MB"),
                new Case(List.of(4096, 16384), Map.of("web", large), null),
                new Case(List.of(4096), Map.of("web", new Placement.Demand(0, "performance-L", 14336)), null),
                new Case(List.of(4096), Map.of("web", oneX.apply(8)), null),
                new Case(List.of(4096), Map.of("web", oneX.apply(9)), "needs 4608 MB in all"),
                new Case(List.of(4096, 4096), Map.of("web", oneX.apply(9)), null),
                new Case(List.of(2048), Map.of("web", oneX.apply(2), "worker", oneX.apply(3)),
                        "needs 2560 MB in all (web=2:standard-1X worker=3:standard-1X)"),
                new Case(List.of(), Map.of("web", large), null));
        for (var c : cases) {
            var refusal = Placement.neverFits(c.agents(), c.formation());
            if (c.refusal() == null) {
                assertThat(refusal).as("%s", c).isEmpty();
            } else {
                assertThat(refusal).as("%s", c).hasValueSatisfying(m -> assertThat(m).contains(c.refusal()));
            }
        }
    }

    private static Placement.Load load(String name, int capacity, int used, int appSlots) {
        return new Placement.Load(UUID.nameUUIDFromBytes(name.getBytes()), name, capacity, used, appSlots);
    }
}
