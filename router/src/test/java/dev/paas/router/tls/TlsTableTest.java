package dev.paas.router.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.router.support.TestCerts;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsTableTest {
    @TempDir
    static Path dir;
    private static TlsTable table;
    private static Map<String, SslContext> byName;

    @BeforeAll
    static void aTableWithAnExactAWildcardAndADefaultCertificate() {
        var certs = new TestCerts(dir);
        var contexts = new TlsContexts(false);
        var exact = build(contexts, certs.issue("www.example.com"));
        var wildcard = build(contexts, certs.issue("*.example.com"));
        var fallback = build(contexts, certs.issue("*.paas.test"));
        byName = Map.of("exact", exact, "wildcard", wildcard, "default", fallback);
        table = new TlsTable(Map.of("www.example.com", exact), Map.of("example.com", wildcard), fallback, Map.of(),
                Map.of());
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("an exact name", "www.example.com", "exact"),
                Arguments.of("any case", "WWW.Example.COM", "exact"),
                Arguments.of("one label below a wildcard", "api.example.com", "wildcard"),
                Arguments.of("two labels below a wildcard: not covered", "a.b.example.com", "default"),
                Arguments.of("the wildcard's own domain: not covered", "example.com", "default"),
                Arguments.of("a name no certificate covers", "shop.paas.test", "default"),
                Arguments.of("no SNI at all", null, "default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sni_picks_the_covering_certificate_else_the_default(String why, String serverName, String want) {
        assertThat(table.select(serverName)).isSameAs(byName.get(want));
    }

    private static SslContext build(TlsContexts contexts, TestCerts.Issued cert) {
        return contexts.build(cert.chainPem(), cert.keyPem());
    }
}
