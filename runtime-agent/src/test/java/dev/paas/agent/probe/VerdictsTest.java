package dev.paas.agent.probe;

import static dev.paas.agent.reconcile.Health.Verdict.LIVENESS_FAILED;
import static dev.paas.agent.reconcile.Health.Verdict.NOT_READY;
import static dev.paas.agent.reconcile.Health.Verdict.PASSING;
import static dev.paas.agent.reconcile.Health.Verdict.PENDING;
import static dev.paas.agent.reconcile.Health.Verdict.STARTUP_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.Health;
import dev.paas.agent.reconcile.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerdictsTest {
    private static final HealthCheck STARTUP = check(HealthCheck.Phase.STARTUP);
    private static final HealthCheck READINESS = check(HealthCheck.Phase.READINESS);
    private static final HealthCheck LIVENESS = check(HealthCheck.Phase.LIVENESS);

    /** Outcomes per check, in order: "+" passed, "-" failed (returned 500). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing run yet", List.of(STARTUP), List.of(""), false, PENDING),
                Arguments.of("a startup check that passed", List.of(STARTUP), List.of("+"), false, PASSING),
                Arguments.of("a startup check failing within its attempts", List.of(STARTUP), List.of("--"), false,
                        PENDING),
                Arguments.of("a startup check failing all 3 attempts", List.of(STARTUP), List.of("---"), false,
                        STARTUP_FAILED),
                Arguments.of("a startup check passing on its last attempt", List.of(STARTUP), List.of("--+"), false,
                        PASSING),
                Arguments.of("startup passed, readiness not yet", List.of(STARTUP, READINESS), List.of("+", "-"),
                        false, PENDING),
                Arguments.of("readiness never fails the process, however often it fails", List.of(READINESS),
                        List.of("-----"), false, PENDING),
                Arguments.of("up, one readiness failure keeps it ready", List.of(READINESS), List.of("+-"), true,
                        PASSING),
                Arguments.of("up, readiness failing all its attempts takes it out of rotation", List.of(READINESS),
                        List.of("+---"), true, NOT_READY),
                Arguments.of("not ready, then passing again: back in rotation", List.of(READINESS),
                        List.of("+---+"), true, PASSING),
                Arguments.of("a liveness check alone does not hold the process back", List.of(LIVENESS),
                        List.of(""), false, PASSING),
                Arguments.of("liveness failing all its attempts", List.of(STARTUP, LIVENESS), List.of("+", "+---"),
                        true, LIVENESS_FAILED),
                Arguments.of("liveness failures not in a row", List.of(STARTUP, LIVENESS), List.of("+", "--+--"),
                        true, PASSING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judging_the_tallies_gives_the_verdict_of_the_table(String name, List<HealthCheck> checks,
                                                             List<String> outcomes, boolean wasUp,
                                                             Health.Verdict expected) {
        var tallies = new ArrayList<Tally>();
        for (String runs : outcomes) {
            var tally = Tally.NONE;
            for (char c : runs.toCharArray()) {
                tally = tally.with(c == '+' ? Outcome.PASSED : Outcome.failed("returned 500"));
            }
            tallies.add(tally);
        }

        assertThat(Verdicts.judge(checks, tallies, wasUp).verdict()).isEqualTo(expected);
    }

    @Test
    void a_failed_startup_check_says_which_check_failed_how_and_after_how_many_attempts() {
        var failed = Tally.NONE.with(Outcome.failed("returned 500")).with(Outcome.failed("returned 500"))
                .with(Outcome.failed("returned 500"));

        assertThat(Verdicts.judge(List.of(STARTUP), List.of(failed), false).reason())
                .isEqualTo("health check failed: startup GET /health returned 500 (3 attempts)");
    }

    @Test
    void a_process_is_up_only_when_its_port_and_its_checks_both_allow_it() {
        var passing = new Health(PASSING, null, true);
        assertThat(Health.state(ActualInstance.State.UP, passing)).isEqualTo(ActualInstance.State.UP);
        assertThat(Health.state(ActualInstance.State.UP, Health.PENDING)).isEqualTo(ActualInstance.State.STARTING);
        assertThat(Health.state(ActualInstance.State.UP, new Health(NOT_READY, null, true)))
                .isEqualTo(ActualInstance.State.STARTING);
        assertThat(Health.state(ActualInstance.State.STARTING, passing)).isEqualTo(ActualInstance.State.STARTING);
        assertThat(Health.state(ActualInstance.State.UP, null)).as("no checks: the port's word")
                .isEqualTo(ActualInstance.State.UP);
    }

    private static HealthCheck check(HealthCheck.Phase phase) {
        return new HealthCheck(phase, null, "/health", null, null, false, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ZERO);
    }
}
