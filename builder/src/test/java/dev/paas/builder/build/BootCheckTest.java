package dev.paas.builder.build;

import dev.paas.client.ProcessState;
import dev.paas.client.WebState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BootCheckTest {
    private static final UUID APP = UUID.randomUUID();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing listed yet", null, List.of(), BootCheck.Kind.BOOTING, null),
                Arguments.of("only the old release serves", route(1), List.of(dyno("web.1", 1, "up"),
                        dyno("web.1", 2, "starting")), BootCheck.Kind.BOOTING, "web.1"),
                Arguments.of("the new release is routable", route(2), List.of(dyno("web.1", 2, "up")),
                        BootCheck.Kind.UP, null),
                Arguments.of("up but not yet in the route table", route(), List.of(dyno("web.1", 2, "up")),
                        BootCheck.Kind.BOOTING, "web.1"),
                Arguments.of("a newer release serves", route(3), List.of(dyno("web.1", 3, "up")),
                        BootCheck.Kind.UP, null),
                Arguments.of("a newer release boots", route(1), List.of(dyno("web.1", 3, "starting")),
                        BootCheck.Kind.SUPERSEDED, "web.1"),
                Arguments.of("the new web process crashed", route(1), List.of(dyno("web.1", 1, "up"),
                        dyno("web.1", 2, "crashed")), BootCheck.Kind.CRASHED, "web.1"),
                Arguments.of("one of two crashed, the other boots", route(), List.of(dyno("web.1", 2, "starting"),
                        dyno("web.2", 2, "crashed")), BootCheck.Kind.CRASHED, "web.2"),
                Arguments.of("an old release's crash is not ours", route(), List.of(dyno("web.1", 1, "crashed"),
                        dyno("web.1", 2, "starting")), BootCheck.Kind.BOOTING, "web.1"),
                Arguments.of("a worker's crash is not the web's", route(), List.of(dyno("worker.1", 2, "crashed"),
                        dyno("web.1", 2, "starting")), BootCheck.Kind.BOOTING, "web.1"),
                Arguments.of("every web slot waits for room", route(), List.of(dyno("web.1", 2, "waiting"),
                        dyno("web.2", 2, "waiting")), BootCheck.Kind.NO_ROOM, "web.1"),
                Arguments.of("one slot waits, one boots", route(), List.of(dyno("web.1", 2, "starting"),
                        dyno("web.2", 2, "waiting")), BootCheck.Kind.BOOTING, "web.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges_where_the_new_releases_web_processes_stand(String when, Wire.AppRoute route, List<Wire.Dyno> dynos,
                                                           BootCheck.Kind kind, String about) {
        var verdict = BootCheck.judge(2, route, dynos);

        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.dyno() == null ? null : verdict.dyno().name()).isEqualTo(about);
    }

    private static Wire.AppRoute route(int... releases) {
        var backends = java.util.Arrays.stream(releases)
                .mapToObj(r -> new Wire.RouteBackend("web.1", "127.0.0.1", 40000 + r, r)).toList();
        return new Wire.AppRoute(APP, "app", List.of("app.paas.test"), backends.isEmpty() ? WebState.STARTING : WebState.UP,
                backends);
    }

    private static Wire.Dyno dyno(String name, int release, String state) {
        return new Wire.Dyno(state.equals("waiting") ? null : "c-" + name, name, name.substring(0, name.indexOf('.')),
                ProcessState.of(state), release, "standard-1x", "cmd", null, null, null, Instant.now(),
                state.equals("waiting") ? "no runtime agent is running" : null);
    }
}
