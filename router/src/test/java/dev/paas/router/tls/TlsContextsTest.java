package dev.paas.router.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.router.support.TestCerts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
    @TempDir
    Path dir;
    private final TlsContexts contexts = new TlsContexts(false);

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused_saying_so() {
        var certs = new TestCerts(dir);
        var one = certs.issue("one.test");
        var two = certs.issue("two.test");

        assertThatThrownBy(() -> contexts.build(one.chainPem(), two.keyPem()))
                .isInstanceOf(TlsContexts.BadCertificateException.class)
                .hasMessage("the private key does not belong to the certificate");
    }

    @Test
    void garbage_pem_is_refused_saying_what_is_missing() {
        var cert = new TestCerts(dir).issue("one.test");

        assertThatThrownBy(() -> contexts.build("hello", cert.keyPem())).hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> contexts.build("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                cert.keyPem())).hasMessageContaining("not valid PEM");
        assertThatThrownBy(() -> contexts.build(cert.chainPem(), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }
}
