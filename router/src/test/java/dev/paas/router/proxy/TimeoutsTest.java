package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeoutsTest {
    private static final Timeouts T = new Timeouts(700, 5_000); // response, idle

    /** awaiting an answer, last activity, request sent, now: what is due. */
    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("awaiting, within both", true, 1_000, 1_000, 1_699, Timeouts.Verdict.NONE),
                Arguments.of("awaiting, response timeout reached", true, 1_000, 1_000, 1_700,
                        Timeouts.Verdict.NO_ANSWER),
                Arguments.of("awaiting, both reached: the missing answer is named", true, 0, 0, 6_000,
                        Timeouts.Verdict.NO_ANSWER),
                Arguments.of("not awaiting (body still coming, or answering): no response timeout", false, 1_000,
                        1_000, 1_700, Timeouts.Verdict.NONE),
                Arguments.of("not awaiting, idle reached", false, 1_000, 0, 6_000, Timeouts.Verdict.IDLE),
                Arguments.of("not awaiting, just short of idle", false, 1_000, 0, 5_999, Timeouts.Verdict.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void what_is_due_follows_the_rules(String name, boolean awaiting, long last, long sent, long now,
                                       Timeouts.Verdict verdict) {
        assertThat(T.check(awaiting, last, sent, now)).isEqualTo(verdict);
    }

    @Test
    void the_deadline_is_the_earlier_of_the_timeouts_that_run() {
        assertThat(T.deadline(true, 1_000, 2_000)).isEqualTo(2_700);
        assertThat(T.deadline(true, 1_000, 9_000)).isEqualTo(6_000);
        assertThat(T.deadline(false, 1_000, 2_000)).isEqualTo(6_000);
    }
}
