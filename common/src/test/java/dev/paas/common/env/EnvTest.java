package dev.paas.common.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvTest {

    /** A read of variable X, the value X is set to (null: unset), and what the read gives. */
    static Stream<Arguments> good_values() {
        return Stream.of(
                good("unset string takes its default", e -> e.string("X", "d"), null, "d"),
                good("blank string takes its default", e -> e.string("X", "d"), "  ", "d"),
                good("string is trimmed", e -> e.string("X", "d"), " v ", "v"),
                good("unset optional is empty", e -> e.optional("X"), null, java.util.Optional.empty()),
                good("blank optional is empty", e -> e.optional("X"), "", java.util.Optional.empty()),
                good("required is trimmed", e -> e.required("X", "give it"), " v\n", "v"),
                good("unset integer takes its default", e -> e.integer("X", 7, 1, 10), null, 7),
                good("blank integer takes its default", e -> e.integer("X", 7, 1, 10), " ", 7),
                good("integer at its bounds", e -> e.integer("X", 7, 1, 10), "10", 10),
                good("integer is trimmed", e -> e.integer("X", 7, 1, 10), " 1 ", 1),
                good("long integer", e -> e.longInteger("X", 1, 1, Long.MAX_VALUE), "209715200", 209715200L),
                good("port 0 is any free port", e -> e.port("X", 80), "0", 0),
                good("highest port", e -> e.port("X", 80), "65535", 65535),
                good("unset port takes its default", e -> e.port("X", 80), null, 80),
                good("seconds", e -> e.seconds("X", 1, 0), "90", Duration.ofSeconds(90)),
                good("zero seconds when allowed", e -> e.seconds("X", 1, 0), "0", Duration.ZERO),
                good("unset seconds take their default", e -> e.seconds("X", 30, 1), null, Duration.ofSeconds(30)),
                good("milliseconds", e -> e.millis("X", 1, 1), "700", Duration.ofMillis(700)),
                good("true", e -> e.bool("X", false), "true", true),
                good("FALSE in any case", e -> e.bool("X", true), "FALSE", false),
                good("unset boolean takes its default", e -> e.bool("X", true), null, true),
                good("one of a set", e -> e.oneOf("X", "a", Set.of("a", "b")), "b", "b"),
                good("size", e -> e.size("X", "10m"), "512K", "512k"),
                good("url drops trailing slashes", e -> e.url("X", "http://d"), "https://h:5000//",
                        URI.create("https://h:5000")),
                good("unset url takes its default", e -> e.url("X", "http://127.0.0.1:5000"), null,
                        URI.create("http://127.0.0.1:5000")));
    }

    static Stream<Arguments> bad_values() {
        return Stream.of(
                bad(e -> e.required("X", "give an admin token"), null, "X is not set: give an admin token"),
                bad(e -> e.required("X", "give an admin token"), " ", "X is not set: give an admin token"),
                bad(e -> e.integer("X", 7, 1, 10), "ten", "X must be a whole number from 1 to 10, got 'ten'"),
                bad(e -> e.integer("X", 7, 1, 10), "11", "X must be a whole number from 1 to 10, got '11'"),
                bad(e -> e.integer("X", 7, 1, Integer.MAX_VALUE), "0",
                        "X must be a whole number, at least 1, got '0'"),
                bad(e -> e.integer("X", 7, 1, 10), "3000000000",
                        "X must be a whole number from 1 to 10, got '3000000000'"),
                bad(e -> e.port("X", 80), "http", "X must be a port number from 0 to 65535 (0: any free port), got 'http'"),
                bad(e -> e.port("X", 80), "65536", "X must be a port number from 0 to 65535 (0: any free port), got '65536'"),
                bad(e -> e.seconds("X", 1, 0), "-1", "X must be a whole number of seconds, at least 0, got '-1'"),
                bad(e -> e.seconds("X", 1, 1), "soon", "X must be a whole number of seconds, at least 1, got 'soon'"),
                bad(e -> e.seconds("X", 2, 0, 9999), "10000",
                        "X must be a whole number of seconds from 0 to 9999, got '10000'"),
                bad(e -> e.millis("X", 1, 1), "0", "X must be a whole number of milliseconds, at least 1, got '0'"),
                bad(e -> e.bool("X", true), "no", "X must be true or false, got 'no'"),
                bad(e -> e.oneOf("X", "nio", Set.of("nio", "epoll")), "kqueue",
                        "X must be one of epoll, nio, got 'kqueue'"),
                bad(e -> e.size("X", "10m"), "10", "X must be a size such as 10m (a number, then k, m or g), got '10'"),
                bad(e -> e.size("X", "10m"), "0m", "X must be a size such as 10m (a number, then k, m or g), got '0m'"),
                bad(e -> e.url("X", "http://d"), "nowhere",
                        "X must be an absolute http(s) URL such as http://127.0.0.1:5000, got 'nowhere'"),
                bad(e -> e.url("X", "http://d"), "ftp://h",
                        "X must be an absolute http(s) URL such as http://127.0.0.1:5000, got 'ftp://h'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good_values")
    void a_good_value_is_read_with_blank_as_unset(String rule, Function<Env, Object> read, String value, Object expected) {
        assertThat(read.apply(env(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("bad_values")
    void a_bad_value_fails_naming_the_variable_what_it_got_and_what_is_expected(Function<Env, Object> read,
                                                                               String value, String message) {
        assertThatThrownBy(() -> read.apply(env(value))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static Env env(String value) {
        return new Env(value == null ? Map.of("OTHER", "1") : Map.of("X", value, "OTHER", "1"));
    }

    private static Arguments good(String rule, Function<Env, Object> read, String value, Object expected) {
        return Arguments.of(rule, read, value, expected);
    }

    private static Arguments bad(Function<Env, Object> read, String value, String message) {
        return Arguments.of(read, value, message);
    }
}
