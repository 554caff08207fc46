package dev.paas.agent.reconcile;

import static dev.paas.agent.reconcile.ActualInstance.State.EXITED;
import static dev.paas.agent.reconcile.ActualInstance.State.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order of a pass's actions, as tables: an agent back from a time cut off (its slots moved to
 * other hosts meanwhile, at a newer generation) ends its copies of them before it starts anything new.
 */
class StopFirstOrderTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a returning agent stops the moved worker before it starts the slot placed on it since",
                        List.of(want("shop", "worker", 2, 0)),
                        List.of(have("w1", "shop", "worker", 1, 0, UP)),
                        List.of("stop w1 scaled down", "start shop/worker.2 g0")),
                Arguments.of("every moved slot's copy stops first, then every start",
                        List.of(want("blog", "web", 1, 0), want("shop", "worker", 3, 0)),
                        List.of(have("w1", "shop", "worker", 1, 0, UP), have("w2", "shop", "worker", 2, 0, UP)),
                        List.of("stop w1 scaled down", "stop w2 scaled down", "start blog/web.1 g0",
                                "start shop/worker.3 g0")),
                Arguments.of("a slot moved away and back starts at its new generation after the removes; "
                                + "its old copy goes once that is up",
                        List.of(want("shop", "worker", 1, 2)),
                        List.of(have("w1", "shop", "worker", 1, 0, UP), have("w9", "shop", "worker", 2, 0, EXITED)),
                        List.of("remove w9", "start shop/worker.1 g2")),
                Arguments.of("an exited container is removed before the starts too",
                        List.of(want("shop", "web", 1, 0)),
                        List.of(have("c1", "shop", "web", 1, 0, EXITED)),
                        List.of("remove c1", "start shop/web.1 g0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stops_and_removes_come_before_any_start(String name, List<DesiredInstance> desired,
                                                 List<ActualInstance> actual, List<String> expected) {
        var actions = describe(Reconciler.diff(desired, actual));
        int ends = (int) expected.stream().filter(a -> !a.startsWith("start ")).count();

        assertThat(actions).hasSameSizeAs(expected);
        assertThat(actions.subList(0, ends)).as("first every stop and remove, in any order")
                .containsExactlyInAnyOrderElementsOf(expected.subList(0, ends));
        assertThat(actions.subList(ends, actions.size())).as("then every start")
                .containsExactlyInAnyOrderElementsOf(expected.subList(ends, expected.size()));
    }

    private static List<String> describe(List<Action> actions) {
        return actions.stream().map(a -> switch (a) {
            case Action.Start s -> "start " + s.instance().key().app() + "/" + s.instance().key().dyno() + " g"
                    + s.instance().generation();
            case Action.Stop s -> "stop " + s.containerId() + " " + s.reason();
            case Action.Remove r -> "remove " + r.containerId();
            case Action.Drain d -> "drain " + d.containerId();
            case Action.Kill k -> "kill " + k.containerId();
        }).toList();
    }

    private static DesiredInstance want(String app, String type, int index, int generation) {
        return new DesiredInstance(new InstanceKey(app, type, index), 3, "img:3", List.of("npm", "start"), Map.of(),
                "standard-1X", false, generation);
    }

    private static ActualInstance have(String id, String app, String type, int index, int generation,
                                       ActualInstance.State state) {
        return new ActualInstance(id, new InstanceKey(app, type, index), 3, state, generation);
    }
}
