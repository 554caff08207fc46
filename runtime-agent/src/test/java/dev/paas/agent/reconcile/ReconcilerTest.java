package dev.paas.agent.reconcile;

import static dev.paas.agent.reconcile.ActualInstance.State.EXITED;
import static dev.paas.agent.reconcile.ActualInstance.State.STARTING;
import static dev.paas.agent.reconcile.ActualInstance.State.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.reconcile.ActualInstance.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconcilerTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing wanted, nothing running", List.of(), List.of(), List.of()),
                Arguments.of("scale 0 to 2 starts both", List.of(want("web", 1, 3), want("web", 2, 3)), List.of(),
                        List.of("start web.1 v3", "start web.2 v3")),
                Arguments.of("converged does nothing", List.of(want("web", 1, 3)), List.of(have("c1", "web", 1, 3, UP)),
                        List.of()),
                Arguments.of("a starting instance is left to start", List.of(want("web", 1, 3)),
                        List.of(have("c1", "web", 1, 3, STARTING)), List.of()),
                Arguments.of("scale 3 to 1 stops the extra slots", List.of(want("web", 1, 3)),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 2, 3, UP), have("c3", "web", 3, 3, UP)),
                        List.of("stop c2 scaled down", "stop c3 scaled down")),
                Arguments.of("a crashed instance is removed and started again", List.of(want("web", 1, 3)),
                        List.of(have("c1", "web", 1, 3, EXITED)), List.of("remove c1", "start web.1 v3")),
                Arguments.of("new release: start the new one, keep the old serving", List.of(want("web", 1, 4)),
                        List.of(have("c1", "web", 1, 3, UP)), List.of("start web.1 v4")),
                Arguments.of("new release still starting: old keeps serving", List.of(want("web", 1, 4)),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 1, 4, STARTING)), List.of()),
                Arguments.of("new release up: stop the old", List.of(want("web", 1, 4)),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 1, 4, UP)),
                        List.of("stop c1 replaced by v4 of web.1")),
                Arguments.of("new release crashed: it is restarted, the old keeps serving", List.of(want("web", 1, 4)),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 1, 4, EXITED)),
                        List.of("remove c2", "start web.1 v4")),
                Arguments.of("rollback is just another release", List.of(want("web", 1, 2)),
                        List.of(have("c1", "web", 1, 4, UP)), List.of("start web.1 v2")),
                Arguments.of("two containers in one slot: the extra one stops", List.of(want("worker", 1, 3)),
                        List.of(have("a", "worker", 1, 3, UP), have("b", "worker", 1, 3, UP)),
                        List.of("stop b duplicate of worker.1")),
                Arguments.of("a restart starts the slot's next generation, the old one keeps serving",
                        List.of(restarted("web", 1, 3, 1)), List.of(have("c1", "web", 1, 3, UP)),
                        List.of("start web.1 v3")),
                Arguments.of("the restarted generation up: the old one stops",
                        List.of(restarted("web", 1, 3, 1)),
                        List.of(have("c1", "web", 1, 3, UP), new ActualInstance("c2", new InstanceKey("shop", "web", 1),
                                3, UP, 1)), List.of("stop c1 restarted")),
                Arguments.of("the restarted generation still starting: the old one keeps serving",
                        List.of(restarted("web", 1, 3, 1)),
                        List.of(have("c1", "web", 1, 3, UP), generation("c2", "web", 1, 3, STARTING, 1)), List.of()),
                Arguments.of("the restarted generation crashed: it starts again, the old one keeps serving",
                        List.of(restarted("web", 1, 3, 1)),
                        List.of(have("c1", "web", 1, 3, UP), generation("c2", "web", 1, 3, EXITED, 1)),
                        List.of("remove c2", "start web.1 v3")),
                Arguments.of("a restarted worker is replaced the same way: the new one first",
                        List.of(restarted("worker", 1, 3, 1)), List.of(have("w1", "worker", 1, 3, UP)),
                        List.of("start worker.1 v3")),
                Arguments.of("a restarted worker's new generation up: the old one stops",
                        List.of(restarted("worker", 1, 3, 1)),
                        List.of(have("w1", "worker", 1, 3, UP), generation("w2", "worker", 1, 3, UP, 1)),
                        List.of("stop w1 restarted")),
                Arguments.of("restarting one slot leaves the others alone",
                        List.of(restarted("web", 1, 3, 1), want("web", 2, 3)),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 2, 3, UP)), List.of("start web.1 v3")),
                Arguments.of("a one-off with no container yet starts", List.of(run(1, 3)), List.of(),
                        List.of("start run.1 v3")),
                Arguments.of("a running one-off is left alone", List.of(run(1, 3)),
                        List.of(have("r1", "run", 1, 3, UP)), List.of()),
                Arguments.of("an ended one-off is neither restarted nor removed while still desired",
                        List.of(run(1, 3)), List.of(have("r1", "run", 1, 3, EXITED)), List.of()),
                Arguments.of("a one-off keeps its release when the app moves on", List.of(run(1, 3), want("web", 1, 4)),
                        List.of(have("r1", "run", 1, 3, UP), have("c1", "web", 1, 4, UP)), List.of()),
                Arguments.of("an ended one-off no longer desired is removed", List.of(),
                        List.of(have("r1", "run", 1, 3, EXITED)), List.of("remove r1")),
                Arguments.of("a running one-off no longer desired is stopped", List.of(),
                        List.of(have("r1", "run", 1, 3, UP)), List.of("stop r1 scaled down")),
                Arguments.of("app destroyed: everything stops, exited ones are removed", List.of(),
                        List.of(have("c1", "web", 1, 3, UP), have("c2", "worker", 1, 3, EXITED)),
                        List.of("remove c2", "stop c1 scaled down")));
    }

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final Duration BOOT = Duration.ofSeconds(60);

    /** The timed decisions: a leaving web process's drain and a process's boot timeout. */
    static Stream<Arguments> timedCases() {
        var replaced = List.of(have("c1", "web", 1, 3, UP), have("c2", "web", 1, 4, UP));
        return Stream.of(
                Arguments.of("a replaced web process first asked to stop drains: no stop yet, a pass due at its end",
                        at(T0, DRAIN, Map.of()), List.of(want("web", 1, 4)), replaced,
                        List.of("drain c1 replaced by v4 of web.1 until 2026-11-30T10:00:02Z")),
                Arguments.of("a web process inside its drain is not stopped yet",
                        at(T0.plusMillis(1500), DRAIN, Map.of("c1", told(T0, T0))), List.of(want("web", 1, 4)),
                        replaced, List.of("drain c1 replaced by v4 of web.1 until 2026-11-30T10:00:02Z")),
                Arguments.of("a web process at the end of its drain is stopped",
                        at(T0.plus(DRAIN), DRAIN, Map.of("c1", told(T0, T0))), List.of(want("web", 1, 4)),
                        replaced, List.of("stop c1 replaced by v4 of web.1")),
                Arguments.of("the drain counts from the report that told the routers, not from the pass that asked",
                        at(T0.plusMillis(2500), DRAIN, Map.of("c1", told(T0, T0.plusSeconds(1)))),
                        List.of(want("web", 1, 4)), replaced,
                        List.of("drain c1 replaced by v4 of web.1 until 2026-11-30T10:00:03Z")),
                Arguments.of("past the drain counted from the report, the web process is stopped",
                        at(T0.plusSeconds(3), DRAIN, Map.of("c1", told(T0, T0.plusSeconds(1)))),
                        List.of(want("web", 1, 4)), replaced, List.of("stop c1 replaced by v4 of web.1")),
                Arguments.of("a drain no report has told yet counts from when it was asked",
                        at(T0.plus(DRAIN), DRAIN, Map.of("c1", new Facts.StopNotice(T0, null))),
                        List.of(want("web", 1, 4)), replaced, List.of("stop c1 replaced by v4 of web.1")),
                Arguments.of("with no drain a replaced web process stops at once", at(T0, Duration.ZERO, Map.of()),
                        List.of(want("web", 1, 4)), replaced, List.of("stop c1 replaced by v4 of web.1")),
                Arguments.of("a restarted worker stops at once: it serves no requests to drain",
                        at(T0, DRAIN, Map.of()), List.of(restarted("worker", 1, 3, 1)),
                        List.of(have("w1", "worker", 1, 3, UP), generation("w2", "worker", 1, 3, UP, 1)),
                        List.of("stop w1 restarted")),
                Arguments.of("a web process whose slot went away drains too", at(T0, DRAIN, Map.of()), List.of(),
                        List.of(have("c1", "web", 1, 3, UP)), List.of("drain c1 scaled down until 2026-11-30T10:00:02Z")),
                Arguments.of("a web process starting past the boot timeout is killed, with the reason",
                        at(T0, DRAIN, Map.of()), List.of(want("web", 1, 3)),
                        List.of(started("c1", 3, STARTING, T0.minusSeconds(61))),
                        List.of("kill c1 boot timeout (R10: did not bind to $PORT within 60 s)")),
                Arguments.of("a web process starting within the boot timeout is left to start",
                        at(T0, DRAIN, Map.of()), List.of(want("web", 1, 3)),
                        List.of(started("c1", 3, STARTING, T0.minusSeconds(59))), List.of()),
                Arguments.of("a web process up long after its start is left alone", at(T0, DRAIN, Map.of()),
                        List.of(want("web", 1, 3)), List.of(started("c1", 3, UP, T0.minusSeconds(3600))), List.of()),
                Arguments.of("a new release past the boot timeout is killed while the old one keeps serving",
                        at(T0, DRAIN, Map.of()), List.of(want("web", 1, 4)),
                        List.of(have("c1", "web", 1, 3, UP), started("c2", 4, STARTING, T0.minusSeconds(61))),
                        List.of("kill c2 boot timeout (R10: did not bind to $PORT within 60 s)")),
                Arguments.of("a process past the boot timeout in a slot that went away is killed, not also stopped",
                        at(T0, DRAIN, Map.of()), List.of(), List.of(started("c1", 3, STARTING, T0.minusSeconds(61))),
                        List.of("kill c1 boot timeout (R10: did not bind to $PORT within 60 s)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timedCases")
    void diff_at_a_moment_returns_the_timed_actions_of_the_table(String name, Facts facts,
            List<DesiredInstance> desired, List<ActualInstance> actual, List<String> expected) {
        assertThat(describe(Reconciler.diff(desired, actual, facts))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> healthCases() {
        var web = checked(3, List.of(check(HealthCheck.Phase.STARTUP, 3, 5, 5, 10)));
        return Stream.of(
                Arguments.of("a process whose startup check failed all its attempts is killed with the check's reason",
                        health(Map.of("c2", failed(Health.Verdict.STARTUP_FAILED, "health check failed: startup GET "
                                + "/health returned 500 (3 attempts)"))), List.of(web),
                        List.of(started("c2", 3, STARTING, T0.minusSeconds(20))),
                        List.of("kill c2 health check failed: startup GET /health returned 500 (3 attempts)")),
                Arguments.of("a new release failing its startup check is killed while the old one keeps serving",
                        health(Map.of("c2", failed(Health.Verdict.STARTUP_FAILED, "health check failed: x"))),
                        List.of(checked(4, web.checks())),
                        List.of(have("c1", "web", 1, 3, UP), started("c2", 4, STARTING, T0.minusSeconds(20))),
                        List.of("kill c2 health check failed: x")),
                Arguments.of("a process failing its liveness check is killed, to be replaced as a crash",
                        health(Map.of("c1", failed(Health.Verdict.LIVENESS_FAILED, "health check failed: liveness y"))),
                        List.of(web), List.of(started("c1", 3, UP, T0.minusSeconds(600))),
                        List.of("kill c1 health check failed: liveness y")),
                Arguments.of("checks still within their attempts hold the boot timeout back",
                        health(Map.of("c1", Health.PENDING)), List.of(web),
                        // budget: 10 s initial delay + 3 x (5 s + 5 s) = 40 s, the boot timeout is 30 s
                        List.of(started("c1", 3, STARTING, T0.minusSeconds(39))), List.of()),
                Arguments.of("past its checks' whole budget a process still starting times out booting",
                        health(Map.of("c1", Health.PENDING)), List.of(web),
                        List.of(started("c1", 3, STARTING, T0.minusSeconds(41))),
                        List.of("kill c1 boot timeout (R10: did not bind to $PORT within 40 s)")),
                Arguments.of("a process that booted and is not ready now is not killed for the boot timeout",
                        health(Map.of("c1", new Health(Health.Verdict.NOT_READY, null, true))), List.of(web),
                        List.of(started("c1", 3, STARTING, T0.minusSeconds(3600))), List.of()),
                Arguments.of("a new release not ready does not replace the old one",
                        health(Map.of("c2", Health.PENDING)), List.of(checked(4, web.checks())),
                        List.of(have("c1", "web", 1, 3, UP), started("c2", 4, STARTING, T0.minusSeconds(5))),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthCases")
    void diff_with_health_returns_the_actions_of_the_table(String name, Facts facts, List<DesiredInstance> desired,
                                                          List<ActualInstance> actual, List<String> expected) {
        assertThat(describe(Reconciler.diff(desired, actual, facts))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Facts health(Map<String, Health> health) {
        return new Facts(T0, DRAIN, Duration.ofSeconds(30), Set.of(), Map.of(), health);
    }

    private static Health failed(Health.Verdict verdict, String reason) {
        return new Health(verdict, reason, verdict == Health.Verdict.LIVENESS_FAILED);
    }

    static HealthCheck check(HealthCheck.Phase phase, int attempts, int timeout, int wait, int initialDelay) {
        return new HealthCheck(phase, null, "/health", null, null, false, attempts, Duration.ofSeconds(timeout),
                Duration.ofSeconds(wait), Duration.ofSeconds(initialDelay));
    }

    private static DesiredInstance checked(int release, List<HealthCheck> checks) {
        return new DesiredInstance(new InstanceKey("shop", "web", 1), release, "img:" + release, List.of("npm", "start"),
                Map.of(), "standard-1X", false, 0, checks);
    }

    @org.junit.jupiter.api.Test
    void a_slot_cooling_down_after_crashes_keeps_its_exited_container_and_starts_nothing() {
        var cooling = java.util.Set.of(new InstanceKey("shop", "web", 1));
        var actual = List.of(have("c1", "web", 1, 3, EXITED), have("c2", "worker", 1, 3, EXITED));

        var actions = Reconciler.diff(List.of(want("web", 1, 3), want("worker", 1, 3)), actual, cooling);

        assertThat(describe(actions)).containsExactlyInAnyOrder("remove c2", "start worker.1 v3");
        assertThat(describe(Reconciler.diff(List.of(), actual, cooling))).as("scaled away: removed anyway")
                .containsExactlyInAnyOrder("remove c1", "remove c2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff_returns_the_actions_of_the_table(String name, List<DesiredInstance> desired, List<ActualInstance> actual,
                                               List<String> expected) {
        assertThat(describe(Reconciler.diff(desired, actual))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applying_the_actions_and_diffing_again_leaves_only_waiting_for_health(String name,
            List<DesiredInstance> desired, List<ActualInstance> actual, List<String> expected) {
        var after = apply(actual, Reconciler.diff(desired, actual));
        var healthy = after.stream().map(a -> new ActualInstance(a.containerId(), a.key(), a.release(), UP,
                a.generation())).toList();

        var settled = apply(healthy, Reconciler.diff(desired, healthy));

        assertThat(Reconciler.diff(desired, settled)).as("a converged host needs nothing").isEmpty();
    }

    /** What the runtime does with the actions: starts come up STARTING, stops and removes go away. */
    private static List<ActualInstance> apply(List<ActualInstance> actual, List<Action> actions) {
        var result = new ArrayList<>(actual);
        int n = 0;
        for (Action action : actions) {
            switch (action) {
                case Action.Start s -> result.add(new ActualInstance("new" + n++, s.instance().key(),
                        s.instance().release(), STARTING, s.instance().generation()));
                case Action.Stop s -> result.removeIf(a -> a.containerId().equals(s.containerId()));
                case Action.Remove r -> result.removeIf(a -> a.containerId().equals(r.containerId()));
                case Action.Drain d -> {
                }
                case Action.Kill k -> result.replaceAll(a -> a.containerId().equals(k.containerId())
                        ? new ActualInstance(a.containerId(), a.key(), a.release(), EXITED, a.generation()) : a);
            }
        }
        return result;
    }

    private static List<String> describe(List<Action> actions) {
        return actions.stream().map(a -> switch (a) {
            case Action.Start s -> "start " + s.instance().key().dyno() + " v" + s.instance().release();
            case Action.Stop s -> "stop " + s.containerId() + " " + s.reason();
            case Action.Remove r -> "remove " + r.containerId();
            case Action.Drain d -> "drain " + d.containerId() + " " + d.reason() + " until " + d.until();
            case Action.Kill k -> "kill " + k.containerId() + " " + k.reason();
        }).toList();
    }

    private static DesiredInstance want(String type, int index, int release) {
        return new DesiredInstance(new InstanceKey("shop", type, index), release, "img:" + release,
                List.of("npm", "start"), Map.of(), "standard-1X");
    }

    private static DesiredInstance restarted(String type, int index, int release, int generation) {
        return new DesiredInstance(new InstanceKey("shop", type, index), release, "img:" + release,
                List.of("npm", "start"), Map.of(), "standard-1X", false, generation);
    }

    private static DesiredInstance run(int number, int release) {
        return new DesiredInstance(new InstanceKey("shop", "run", number), release, "img:" + release,
                List.of("/bin/sh", "-c", "rake db:migrate"), Map.of(), "standard-1X", true);
    }

    private static ActualInstance generation(String id, String type, int index, int release, State state,
                                             int generation) {
        return new ActualInstance(id, new InstanceKey("shop", type, index), release, state, generation);
    }

    private static Facts at(Instant now, Duration drain, Map<String, Facts.StopNotice> notices) {
        return new Facts(now, drain, BOOT, Set.of(), notices);
    }

    private static Facts.StopNotice told(Instant asked, Instant told) {
        return new Facts.StopNotice(asked, told);
    }

    private static ActualInstance started(String id, int release, State state, Instant startedAt) {
        return new ActualInstance(id, new InstanceKey("shop", "web", 1), release, state, 0, startedAt);
    }

    private static ActualInstance have(String id, String type, int index, int release, State state) {
        return new ActualInstance(id, new InstanceKey("shop", type, index), release, state);
    }
}
