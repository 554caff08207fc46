package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    private static Placement.Load load(String name, int capacity, int used, int appSlots) {
        return new Placement.Load(UUID.nameUUIDFromBytes(name.getBytes()), name, capacity, used, appSlots);
    }
}
