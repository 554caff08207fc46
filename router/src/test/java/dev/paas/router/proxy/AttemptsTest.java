package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.router.balance.Backend;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttemptsTest {
    private static final long NOW = 1_000_000_000L;
    private static final long DOWN = 5_000_000_000L;
    private final UUID app = UUID.randomUUID();
    private final Backend one = new Backend(app, "web.1", "127.0.0.1", 1);
    private final Backend two = new Backend(app, "web.2", "127.0.0.1", 2);

    /** reused, request complete, body bytes, method, retries so far: may a stale pooled connection be retried? */
    static Stream<Arguments> staleRetries() {
        return Stream.of(
                Arguments.of("a bodiless GET on a reused connection", true, true, 0, HttpMethod.GET, 0, true),
                Arguments.of("HEAD and OPTIONS are as safe", true, true, 0, HttpMethod.HEAD, 0, true),
                Arguments.of("OPTIONS", true, true, 0, HttpMethod.OPTIONS, 0, true),
                Arguments.of("the third retry still", true, true, 0, HttpMethod.GET, 2, true),
                Arguments.of("not a fourth", true, true, 0, HttpMethod.GET, 3, false),
                Arguments.of("a fresh connection closing is the backend's answer", false, true, 0, HttpMethod.GET, 0,
                        false),
                Arguments.of("a request still being read", true, false, 0, HttpMethod.GET, 0, false),
                Arguments.of("a body may have been acted on", true, true, 1, HttpMethod.GET, 0, false),
                Arguments.of("POST is not safe to repeat", true, true, 0, HttpMethod.POST, 0, false),
                Arguments.of("nor PUT", true, true, 0, HttpMethod.PUT, 0, false),
                Arguments.of("nor DELETE", true, true, 0, HttpMethod.DELETE, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staleRetries")
    void a_stale_pooled_connection_is_retried_only_when_the_request_cannot_have_been_acted_on(String name,
            boolean reused, boolean complete, long bodyBytes, HttpMethod method, int retriesSoFar, boolean retry) {
        assertThat(Attempts.mayRetryStale(reused, complete, bodyBytes, method, retriesSoFar)).isEqualTo(retry);
    }

    @Test
    void after_a_refused_connection_the_next_attempt_goes_to_another_backend_until_none_is_left() {
        var attempts = new Attempts(List.of(one, two));

        Backend first = attempts.next(NOW);
        attempts.refused(NOW, DOWN);
        Backend second = attempts.next(NOW);
        attempts.refused(NOW, DOWN);

        assertThat(List.of(first, second)).containsExactlyInAnyOrder(one, two);
        assertThat(attempts.next(NOW)).isNull();
        assertThat(attempts.current()).as("no backend took the request").isNull();
        assertThat(one.down(NOW + DOWN - 1)).isTrue();
        assertThat(one.down(NOW + DOWN)).isFalse();
        assertThat(one.outstanding() + two.outstanding()).isZero();
    }

    @Test
    void after_a_stale_pooled_connection_the_same_backend_may_be_tried_again_three_times() {
        var attempts = new Attempts(List.of(one));

        for (int i = 0; i < Attempts.MAX_STALE_RETRIES; i++) {
            assertThat(attempts.next(NOW)).isSameAs(one);
            assertThat(attempts.retryStale(true, true, 0, HttpMethod.GET)).isTrue();
            assertThat(one.outstanding()).isZero();
        }
        assertThat(attempts.next(NOW)).isSameAs(one);
        assertThat(attempts.retryStale(true, true, 0, HttpMethod.GET)).isFalse();
        assertThat(one.down(NOW)).as("a stale connection says nothing about the backend").isFalse();
    }

    @Test
    void an_attempt_counts_once_in_its_backends_outstanding_requests_however_often_it_is_ended() {
        var attempts = new Attempts(List.of(one));

        attempts.next(NOW);
        assertThat(one.outstanding()).isEqualTo(1);
        attempts.end();
        attempts.end();

        assertThat(one.outstanding()).isZero();
        assertThat(attempts.current()).as("still named in the log line").isSameAs(one);
    }
}
