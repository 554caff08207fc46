package dev.paas.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.allinone.Lineup.Component;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LineupTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Component recording(String name) {
        return new Component(name, () -> {
            events.add("start " + name);
            return () -> events.add("stop " + name);
        });
    }

    @Test
    void components_start_in_order_and_stop_in_reverse() throws Exception {
        var lineup = Lineup.start(List.of(recording("api"), recording("agent"), recording("router")),
                Duration.ofSeconds(5));
        lineup.close();
        lineup.close();

        assertThat(events).containsExactly("start api", "start agent", "start router", "stop router", "stop agent",
                "stop api");
    }

    @Test
    void a_component_that_fails_to_start_stops_the_ones_before_it_and_names_itself() {
        var failing = new Component("builder", () -> {
            throw new java.io.IOException("port 5001 is taken");
        });

        assertThatThrownBy(() -> Lineup.start(List.of(recording("api"), recording("agent"), failing,
                recording("router")), Duration.ofSeconds(5)))
                .isInstanceOf(Lineup.StartFailure.class)
                .hasMessage("builder failed to start: port 5001 is taken");
        assertThat(events).containsExactly("start api", "start agent", "stop agent", "stop api");
    }

    @Test
    void a_component_that_overruns_the_stop_budget_is_left_behind_and_the_others_still_stop() throws Exception {
        var never = new CountDownLatch(1);
        var stuck = new Component("router", () -> () -> never.await());
        var lineup = Lineup.start(List.of(recording("api"), stuck), Duration.ofMillis(300));

        long start = System.nanoTime();
        lineup.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(events).containsExactly("start api", "stop api");
    }

    @Test
    void a_component_whose_stop_fails_does_not_keep_the_others_running() throws Exception {
        var failing = new Component("builder", () -> () -> {
            throw new IllegalStateException("drain failed");
        });
        var lineup = Lineup.start(List.of(recording("api"), failing, recording("router")), Duration.ofSeconds(5));

        lineup.close();

        assertThat(events).containsExactly("start api", "start router", "stop router", "stop api");
    }
}
