package dev.paas.api.route;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.route.Routing.WebReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no reports: no web processes", 3, List.of(), "none", List.of()),
                Arguments.of("one up at the current release", 3,
                        List.of(up(1, 3, 5001)), "up", List.of("web.1:5001")),
                Arguments.of("deploy under way: old ones serve while the new one starts", 4,
                        List.of(up(1, 3, 5001), up(2, 3, 5002), report(1, 4, "starting", 5003)), "up",
                        List.of("web.1:5001", "web.2:5002")),
                Arguments.of("the first new one up: old ones drop out at once", 4,
                        List.of(up(1, 3, 5001), up(2, 3, 5002), up(1, 4, 5003), report(2, 4, "starting", 5004)),
                        "up", List.of("web.1:5003")),
                Arguments.of("down and portless processes never take requests", 3,
                        List.of(report(1, 3, "down", 5001), report(2, 3, "up", null)), "none", List.of()),
                Arguments.of("all crashed", 3,
                        List.of(report(1, 3, "crashed", 5001), report(2, 3, "crashed", 5002)), "crashed", List.of()),
                Arguments.of("starting wins over crashed", 3,
                        List.of(report(1, 3, "crashed", 5001), report(2, 3, "starting", 5002)), "starting",
                        List.of()),
                Arguments.of("a process whose slot was scaled away drains: no new requests", 3,
                        List.of(up(1, 3, 5001), up(3, 3, 5003)), "up", List.of("web.1:5001")),
                Arguments.of("backends are ordered by dyno", 3,
                        List.of(up(2, 3, 5002), up(1, 3, 5001)), "up", List.of("web.1:5001", "web.2:5002")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routable_processes_follow_the_current_release(String name, int current, List<WebReport> reports,
                                                       String web, List<String> backends) {
        var routable = Routing.routable(current, java.util.Set.of(1, 2), reports);

        assertThat(routable.web().wire()).isEqualTo(web);
        assertThat(routable.backends()).extracting(b -> b.dyno() + ":" + b.port()).containsExactlyElementsOf(backends);
    }

    static Stream<Arguments> restarts() {
        return Stream.of(
                Arguments.of("restart under way: the old generation serves while the new one starts",
                        List.of(up(1, 3, 5001, 0), report(1, 3, "starting", 5002, 1)), List.of("web.1:5001")),
                Arguments.of("the new generation up: the old one drops out to drain before its SIGTERM",
                        List.of(up(1, 3, 5001, 0), up(1, 3, 5002, 1)), List.of("web.1:5002")),
                Arguments.of("the new generation crashed: the old one keeps serving",
                        List.of(up(1, 3, 5001, 0), report(1, 3, "crashed", 5002, 1)), List.of("web.1:5001")),
                Arguments.of("only the restarted slot changes: the other slot's process keeps serving",
                        List.of(up(1, 3, 5001, 0), up(1, 3, 5002, 1), up(2, 3, 5003, 0)),
                        List.of("web.1:5002", "web.2:5003")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restarts")
    void in_a_restarted_slot_the_old_process_serves_until_the_new_one_is_up(String name, List<WebReport> reports,
                                                                            List<String> backends) {
        var routable = Routing.routable(3, java.util.Map.of(1, 1, 2, 0), reports);

        assertThat(routable.web().wire()).isEqualTo("up");
        assertThat(routable.backends()).extracting(b -> b.dyno() + ":" + b.port()).containsExactlyElementsOf(backends);
    }

    private static WebReport up(int index, int release, int port, int generation) {
        return report(index, release, "up", port, generation);
    }

    private static WebReport report(int index, int release, String state, Integer port, int generation) {
        return new WebReport(index, release, ProcessState.of(state), "127.0.0.1", port, generation);
    }

    private static WebReport up(int index, int release, int port) {
        return report(index, release, "up", port);
    }

    private static WebReport report(int index, int release, String state, Integer port) {
        return new WebReport(index, release, ProcessState.of(state), "127.0.0.1", port);
    }
}
