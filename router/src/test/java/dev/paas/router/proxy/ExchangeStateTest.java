package dev.paas.router.proxy;

import static dev.paas.router.proxy.ExchangeState.AWAITING;
import static dev.paas.router.proxy.ExchangeState.CONNECTING;
import static dev.paas.router.proxy.ExchangeState.DONE;
import static dev.paas.router.proxy.ExchangeState.INTERIM;
import static dev.paas.router.proxy.ExchangeState.RESPONDING;
import static dev.paas.router.proxy.ExchangeState.SENDING;
import static dev.paas.router.proxy.ExchangeState.SWITCHING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExchangeStateTest {

    /** Every state, with the only states it may become; every other move is refused. */
    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(CONNECTING, "connected (body still coming or not), refused again, or given up",
                        EnumSet.of(CONNECTING, SENDING, AWAITING, DONE)),
                Arguments.of(SENDING, "the body ends, an answer (early) begins, or it fails",
                        EnumSet.of(AWAITING, INTERIM, RESPONDING, SWITCHING, DONE)),
                Arguments.of(AWAITING, "an answer begins, it fails, or a stale pooled connection is retried",
                        EnumSet.of(CONNECTING, INTERIM, RESPONDING, SWITCHING, DONE)),
                Arguments.of(INTERIM, "the 1xx ends, it fails, or a stale pooled connection is retried",
                        EnumSet.of(CONNECTING, SENDING, AWAITING, DONE)),
                Arguments.of(RESPONDING, "a response under way only ends: never retried, never restarted",
                        EnumSet.of(DONE)),
                Arguments.of(SWITCHING, "counted already: it is spliced or closed", EnumSet.of(DONE)),
                Arguments.of(DONE, "terminal: nothing is logged or counted twice", EnumSet.noneOf(ExchangeState.class)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("transitions")
    void each_state_moves_only_along_its_transitions(ExchangeState from, String why, Set<ExchangeState> allowed) {
        for (ExchangeState to : ExchangeState.values()) {
            assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed.contains(to));
        }
    }
}
