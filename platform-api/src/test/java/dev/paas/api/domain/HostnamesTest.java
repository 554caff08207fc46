package dev.paas.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.error.ApiFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnamesTest {

    @ParameterizedTest
    @CsvSource({
            "www.example.com, www.example.com",
            "WWW.Example.COM, www.example.com",
            "' shop.example.co.uk ', shop.example.co.uk",
            "www.site.paas.test, www.site.paas.test",
            "a.b.site.paas.test, a.b.site.paas.test",
            "paas.test.example.com, paas.test.example.com",
            "1password.com, 1password.com",
            "x.0xzz, x.0xzz"})
    void acceptable_names_come_back_normalized(String given, String normalized) {
        assertThat(Hostnames.validate(given, "site", "paas.test")).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, IP address",
            "0x7f.1, IP address",
            "foo.0x7f, IP address",
            "x.0xa1b, IP address",
            "example.0x, IP address",
            "a.b.c.123, IP address",
            "::1, IP address",
            "[2001:db8::1], IP address",
            "*.example.com, Wildcard",
            "paas.test, under paas.test",
            "site.paas.test, under paas.test",
            "other.paas.test, under paas.test",
            "x.other.paas.test, under paas.test",
            "x.site-2.paas.test, under paas.test",
            "www.*.example.com, not a valid hostname",
            "example.com., not a valid hostname",
            "localhost, not a valid hostname"})
    void refused_names_say_why(String given, String reason) {
        assertThatThrownBy(() -> Hostnames.validate(given, "site", "paas.test"))
                .isInstanceOf(ApiFailure.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((ApiFailure) e).kind()).isEqualTo(ApiFailure.Kind.INVALID_PARAMS));
    }
}
