package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reschedule decision, as tables: formation, slots and agents' room in; drops, adds and moves out. */
class SlotPlanTest {
    private static final Map<String, UUID> AGENTS = Map.of("a", id("a"), "b", id("b"), "c", id("c"),
            "lost", id("lost"), "d", id("d"));

    private record Case(String name, Map<String, Placement.Demand> formation, List<String> slots,
                        List<Placement.Load> others, List<String> expected, List<String> touched) {
    }

    @Test
    void each_case_drops_adds_and_moves_exactly_what_it_should() {
        var free = List.of(load("a", 1024, 0), load("b", 1024, 0));
        var cases = List.of(
                new Case("a new formation spreads across agents", Map.of("web", web(2)), List.of(), free,
                        List.of("add web.1@a", "add web.2@b"), List.of("a", "b")),
                new Case("scaling down drops the highest indexes", Map.of("web", web(1)),
                        List.of("web.1@a", "web.2@b"), free, List.of("drop web.2"), List.of("b")),
                new Case("a slot that still fits stays where it is", Map.of("web", web(1)), List.of("web.1@b"),
                        free, List.of(), List.of()),
                new Case("a slot of a lost agent moves to one with room", Map.of("web", web(1)),
                        List.of("web.1@lost"), free, List.of("move web.1@a"), List.of("a", "lost")),
                new Case("a slot no agent has room for waits", Map.of("web", web(1)), List.of(),
                        List.of(load("a", 1024, 1024)), List.of("add web.1@-"), List.of()),
                new Case("a slot its agent no longer has room for moves", Map.of("web", web(1)),
                        List.of("web.1@a"), List.of(load("a", 1024, 768), load("b", 1024, 0)),
                        List.of("move web.1@b"), List.of("a", "b")),
                new Case("a waiting slot is placed once an agent has room", Map.of("web", web(1)),
                        List.of("web.1@-"), free, List.of("move web.1@a"), List.of("a")),
                new Case("a process type the release no longer runs is dropped", Map.of("web", web(0)),
                        List.of("worker.1@a"), free, List.of("drop worker.1"), List.of("a")),
                new Case("kept slots keep their room before new slots take it", Map.of("web", web(2)),
                        List.of("web.2@a"), List.of(load("a", 512, 0)), List.of("add web.1@-"), List.of()),
                // Scheduler.reschedule relies on this one to skip reading the other apps' loads.
                new Case("nothing to run and nothing placed changes nothing, whatever the agents' loads", Map.of(),
                        List.of(), List.of(load("a", 1024, 1024), load("b", 512, 0)), List.of(), List.of()));
        check(cases);
    }

    @Test
    void placement_spreads_an_app_over_hosts_by_type_and_free_memory_and_never_overfills_one() {
        var three = List.of(load("a", 4096, 0), load("b", 4096, 0), load("c", 4096, 0));
        check(List.of(
                new Case("an app's web processes go to three hosts before any doubles up", Map.of("web", web(3)),
                        List.of(), three, List.of("add web.1@a", "add web.2@b", "add web.3@c"), List.of("a", "b", "c")),
                new Case("web processes spread although the app's workers already sit on one host",
                        Map.of("web", web(2), "worker", web(2)), List.of("worker.1@a", "worker.2@a"),
                        List.of(load("a", 4096, 0), load("b", 4096, 0)), List.of("add web.1@b", "add web.2@a"),
                        List.of("a", "b")),
                new Case("a fourth web process goes to the host with the most memory free",
                        Map.of("web", web(4)), List.of("web.1@a", "web.2@b", "web.3@c"),
                        List.of(load("a", 8192, 2048), load("b", 4096, 0), load("c", 2048, 0)),
                        List.of("add web.4@a"), List.of("a")),
                new Case("more free memory wins over less used: hosts of different sizes", Map.of("web", web(1)),
                        List.of(), List.of(load("a", 4096, 1024), load("b", 2048, 0)), List.of("add web.1@a"),
                        List.of("a")),
                new Case("a host never takes more than its memory: the second process doubles up elsewhere",
                        Map.of("web", web(3)), List.of(), List.of(load("a", 1024, 768), load("b", 1024, 0)),
                        List.of("add web.1@b", "add web.2@b", "add web.3@-"), List.of("b"))));
    }

    @Test
    void a_draining_host_takes_nothing_new_and_gives_its_slots_to_hosts_with_room() {
        check(List.of(
                new Case("a slot on a draining host moves to an open one", Map.of("web", web(2)),
                        List.of("web.1@a", "web.2@b"), List.of(draining("a", 4096, 0), load("b", 4096, 0),
                        load("c", 4096, 0)), List.of("move web.1@c"), List.of("a", "c")),
                new Case("nothing new goes to a draining host, even when it is the emptiest", Map.of("web", web(1)),
                        List.of(), List.of(draining("a", 4096, 0), load("b", 4096, 2048)), List.of("add web.1@b"),
                        List.of("b")),
                new Case("a slot no open host has room for stays on its draining host", Map.of("worker", web(1)),
                        List.of("worker.1@a"), List.of(draining("a", 4096, 0), load("b", 1024, 1024)), List.of(),
                        List.of()),
                new Case("with every host draining a new slot waits", Map.of("web", web(1)), List.of(),
                        List.of(draining("a", 4096, 0)), List.of("add web.1@-"), List.of())));
    }

    private static void check(List<Case> cases) {
        for (var c : cases) {
            List<SlotPlan.Slot> slots = c.slots().stream().map(SlotPlanTest::slot).toList();
            var outcome = SlotPlan.decide(c.formation(), slots, c.others());
            assertThat(render(outcome, slots)).as(c.name()).containsExactlyInAnyOrderElementsOf(c.expected());
            assertThat(new TreeSet<>(outcome.touched().stream().map(SlotPlanTest::name).toList())).as(c.name())
                    .containsExactlyElementsOf(new TreeSet<>(c.touched()));
            assertThat(outcome.changed()).as(c.name()).isEqualTo(!c.expected().isEmpty());
        }
    }

    private static List<String> render(SlotPlan.Outcome outcome, List<SlotPlan.Slot> slots) {
        var lines = new ArrayList<String>();
        outcome.drops().forEach(id -> lines.add("drop " + dyno(slots, id)));
        outcome.adds().forEach(a -> lines.add("add " + a.type() + "." + a.index() + "@" + name(a.agentId())));
        outcome.moves().forEach(m -> lines.add("move " + dyno(slots, m.slotId()) + "@" + name(m.agentId())));
        return lines;
    }

    private static String dyno(List<SlotPlan.Slot> slots, UUID id) {
        var slot = slots.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        return slot.type() + "." + slot.index();
    }

    /** "web.2@a": slot web.2 on agent a; "@-" waits for an agent. */
    private static SlotPlan.Slot slot(String spec) {
        String dyno = spec.substring(0, spec.indexOf('@'));
        String agent = spec.substring(spec.indexOf('@') + 1);
        return new SlotPlan.Slot(id(spec), dyno.substring(0, dyno.indexOf('.')),
                Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1)), agent.equals("-") ? null : AGENTS.get(agent));
    }

    private static String name(UUID agentId) {
        return agentId == null ? "-" : AGENTS.entrySet().stream().filter(e -> Objects.equals(e.getValue(), agentId))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static Placement.Demand web(int quantity) {
        return new Placement.Demand(quantity, "standard-1X", 512);
    }

    private static Placement.Load load(String name, int capacity, int usedByOthers) {
        return new Placement.Load(AGENTS.get(name), name, capacity, usedByOthers, 0);
    }

    private static Placement.Load draining(String name, int capacity, int usedByOthers) {
        return new Placement.Load(AGENTS.get(name), name, capacity, usedByOthers, 0, false);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }
}
