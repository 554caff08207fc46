package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.cert.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paas certs*, certs:auto* and https against a real API. */
class CertsCliTest {
    private static final TestCertificates.Issued CA = TestCertificates.ca("CLI Test CA");
    private static CliFixture fixture;
    @TempDir
    Path home;
    @TempDir
    Path work;
    private String app;
    private String hostname;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void loginAppAndDomain() {
        String token = fixture.createUser("dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(paas("", "login", "--token", token).code()).isZero();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        hostname = "www." + app + ".example";
        assertThat(paas("", "apps:create", app).code()).isZero();
        assertThat(paas("", "domains:add", hostname, "-a", app).code()).isZero();
    }

    @Test
    void certs_add_list_info_update_and_remove() throws Exception {
        var first = TestCertificates.site(CA, hostname);
        var second = TestCertificates.site(CA, Instant.now().plus(Duration.ofDays(300)), TestCertificates.ecKey(),
                hostname);
        write("site.crt", first.certPem() + CA.certPem());
        write("site.key", first.keyPem());
        write("new.crt", second.certPem() + CA.certPem());
        write("new.key", second.keyPem());

        var added = paas("", "certs:add", "site.crt", "site.key", "-a", app);

        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.err()).contains("Adding SSL certificate to ⬢ " + app + "... done");
        assertThat(added.out()).contains("Certificate details:").contains("Domain(s):").contains(hostname)
                .contains(Format.time(first.cert().getNotAfter().toInstant()))
                .contains("SSL certificate is not trusted.");
        var list = paas("", "certs", "-a", app);
        assertThat(list.out()).contains("Common Name(s)").contains(hostname).contains("SNI")
                .contains(Format.time(first.cert().getNotAfter().toInstant()));
        assertThat(paas("", "certs:info", "-a", app).out()).contains("Subject:").contains(hostname);

        var updated = paas("", "certs:update", "new.crt", "new.key", "-a", app, "--confirm", app);

        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("Updated certificate details:")
                .contains(Format.time(second.cert().getNotAfter().toInstant()));

        var refused = paas("nope\n", "certs:remove", "-a", app);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("did not match " + app);
        var removed = paas("", "certs:remove", "-a", app, "--confirm", app);
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(paas("", "certs", "-a", app).out()).contains("has no SSL certificates");
    }

    @Test
    void certs_add_with_a_key_of_another_certificate_fails_saying_so() throws Exception {
        var site = TestCertificates.site(CA, hostname);
        write("site.crt", site.certPem() + CA.certPem());
        write("other.key", TestCertificates.keyPem(TestCertificates.ecKey()));

        var refused = paas("", "certs:add", "site.crt", "other.key", "-a", app);

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("private key does not match the certificate");
        assertThat(paas("", "certs:add", "missing.crt", "other.key", "-a", app).err())
                .contains("Cannot read the certificate file missing.crt");
        assertThat(paas("", "certs", "-a", app).out()).contains("has no SSL certificates");
    }

    @Test
    void https_sets_redirect_and_hsts_and_refuses_what_is_neither_on_nor_off() {
        var set = paas("", "https", "--redirect", "on", "--hsts", "on", "-a", app);

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).containsPattern("Redirect HTTP: +on").containsPattern("HSTS: +on");
        assertThat(paas("", "https", "--hsts", "off", "-a", app).out()).containsPattern("Redirect HTTP: +on")
                .containsPattern("HSTS: +off");
        var bad = paas("", "https", "--hsts", "maybe", "-a", app);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--hsts takes on or off, not 'maybe'");
    }

    @Test
    void certs_auto_enable_shows_each_custom_domain_and_disable_turns_it_off() {
        assertThat(paas("", "certs:auto", "-a", app).out()).contains("Automatic Certificate Management is disabled");

        var enabled = paas("", "certs:auto:enable", "-a", app);

        assertThat(enabled.code()).as(enabled.err()).isZero();
        var status = paas("", "certs:auto", "-a", app);
        assertThat(status.out()).contains("is enabled on ⬢ " + app).contains(hostname)
                .containsPattern("(pending|failing)");
        assertThat(paas("", "certs:auto:disable", "-a", app).code()).isZero();
        assertThat(paas("", "certs:auto", "-a", app).out()).contains("disabled");
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(work.resolve(name), text);
    }

    private CliFixture.Result paas(String stdin, String... args) {
        return fixture.paas(home, work, stdin, args);
    }
}
