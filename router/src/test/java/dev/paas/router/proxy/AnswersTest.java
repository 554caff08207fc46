package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswersTest {

    static Stream<Arguments> redirects() {
        return Stream.of(
                Arguments.of("the plain port is replaced by the HTTPS one", "shop.test:8080", "/a?b=1", 8443,
                        "https://shop.test:8443/a?b=1"),
                Arguments.of("a host without a port", "shop.test", "/", 8443, "https://shop.test:8443/"),
                Arguments.of("443 is left out", "shop.test:80", "/x", 443, "https://shop.test/x"),
                Arguments.of("an IPv6 literal keeps its brackets", "[::1]:8080", "/", 8443, "https://[::1]:8443/"),
                Arguments.of("an IPv6 literal without a port", "[::1]", "/", 443, "https://[::1]/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    void a_redirect_to_https_keeps_host_path_and_query(String why, String host, String uri, int port, String want) {
        assertThat(Answers.location(host, uri, port)).isEqualTo(want);
    }
}
