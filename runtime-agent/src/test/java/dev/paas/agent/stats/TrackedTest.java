package dev.paas.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.converge.Observed;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackedTest {
    private static final UUID SHOP = UUID.randomUUID();

    @Test
    void running_processes_are_tracked_under_their_apps_name_and_ended_ones_are_not() {
        var tracked = Tracked.running(List.of(slot("web", 1, false, Boolean.TRUE)),
                List.of(observed("c1", "web", 1, ActualInstance.State.UP),
                        observed("c2", "web", 2, ActualInstance.State.STARTING),
                        observed("c3", "worker", 1, ActualInstance.State.EXITED)));

        assertThat(tracked).extracting(Tracked::containerId).containsExactly("c1", "c2");
        assertThat(tracked).allSatisfy(t -> {
            assertThat(t.appName()).isEqualTo("shop");
            assertThat(t.runtimeMetrics()).isTrue();
        });
    }

    @Test
    void a_one_off_slot_listed_first_does_not_turn_runtime_metrics_off_for_the_app() {
        var tracked = Tracked.running(List.of(slot("run", 1, true, null), slot("web", 1, false, Boolean.TRUE)),
                List.of(observed("c1", "web", 1, ActualInstance.State.UP),
                        observed("c2", "run", 1, ActualInstance.State.UP)));

        assertThat(tracked).extracting(Tracked::runtimeMetrics).containsOnly(true);
    }

    @Test
    void a_container_of_no_listed_app_is_named_by_its_label_without_runtime_metrics() {
        var tracked = Tracked.running(List.of(), List.of(observed("c1", "web", 1, ActualInstance.State.UP)));

        assertThat(tracked).singleElement().satisfies(t -> {
            assertThat(t.appName()).isEqualTo(SHOP.toString());
            assertThat(t.runtimeMetrics()).isFalse();
        });
    }

    private static Wire.AgentInstance slot(String type, int index, boolean oneOff, Boolean runtimeMetrics) {
        return new Wire.AgentInstance(SHOP, "shop", type, index, 3, "img:1", "x", Map.of(), "standard-1X", oneOff, 0,
                List.of(), runtimeMetrics);
    }

    private static Observed observed(String id, String type, int index, ActualInstance.State state) {
        return new Observed(new ActualInstance(id, new InstanceKey(SHOP.toString(), type, index), 3, state), null, null,
                null, null);
    }
}
