package dev.paas.api.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DrainPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "127.9.9.9, true", "::1, true", "0.0.0.0, true", "10.1.2.3, true", "172.16.0.1, true",
            "192.168.1.1, true", "169.254.169.254, true", "100.64.0.1, true", "fd00::1, true", "fe80::1, true",
            "::ffff:127.0.0.1, true", "::ffff:169.254.169.254, true", "64:ff9b::7f00:1, true", "224.0.0.1, true",
            "255.255.255.255, true", "198.18.0.1, true",
            "93.184.216.34, false", "8.8.8.8, false", "2606:2800:220:1:248:1893:25c8:1946, false", "100.128.0.1, false",
            "64:ff9b::808:808, false"})
    void internal_addresses_are_told_apart_from_public_ones(String address, boolean internal) throws Exception {
        assertThat(DrainPolicy.internal(InetAddress.getByName(address))).as(address).isEqualTo(internal);
    }

    @Test
    void internal_addresses_are_refused_unless_allowed_and_platform_ports_are_refused_even_then() throws Exception {
        var loopback = InetAddress.getByName("127.0.0.1");
        var publicHost = InetAddress.getByName("93.184.216.34");

        assertThat(DrainPolicy.refusal(loopback, 6514, false, Set.of())).contains("loopback, private");
        assertThat(DrainPolicy.refusal(loopback, 6514, true, Set.of(5000))).isNull();
        assertThat(DrainPolicy.refusal(loopback, 5000, true, Set.of(5000))).contains("platform's own services");
        assertThat(DrainPolicy.refusal(publicHost, 5000, false, Set.of(5000))).isNull();
    }

    @Test
    void a_name_is_checked_by_what_it_resolves_to() {
        var strict = new DrainPolicy(false, Set::of);

        assertThatThrownBy(() -> strict.addresses("localhost", 6514)).isInstanceOf(DrainPolicy.Refused.class)
                .hasMessageContaining("localhost");
        assertThatThrownBy(() -> strict.addresses("no-such-host.invalid", 6514)).hasMessageContaining("cannot resolve");
    }
}
