package dev.paas.api.cert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.CapturedStdout;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class CertificatesApiTest {
    private static final TestCertificates.Issued CA = TestCertificates.ca("Test CA");
    private TestPlatform platform;
    private Api api;
    private String token;
    private String admin;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("certs@example.com");
        this.admin = platform.admin("ops@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps/shop/domains", "{\"hostname\":\"www.shop.example\"}").status())
                .isEqualTo(201);
    }

    static String body(String chain, String key) {
        try {
            return Json.mapper().writeValueAsString(Map.of("certificate_chain", chain, "private_key", key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String chain(TestCertificates.Issued... certs) {
        var text = new StringBuilder();
        for (var c : certs) {
            text.append(c.certPem());
        }
        return text.toString();
    }

    @Test
    void an_uploaded_certificate_shows_the_domains_it_covers_and_its_expiry_but_never_its_key() {
        var site = TestCertificates.site(CA, "www.shop.example", "shop.example");

        var added = api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem()));

        created(added);
        JsonNode cert = added.json();
        assertThat(cert.get("domains")).extracting(JsonNode::asText).containsExactly("www.shop.example");
        assertThat(cert.at("/ssl_cert/cert_domains")).extracting(JsonNode::asText)
                .containsExactly("www.shop.example", "shop.example");
        assertThat(Instant.parse(cert.at("/ssl_cert/expires_at").asText()))
                .isEqualTo(site.cert().getNotAfter().toInstant());
        assertThat(cert.at("/ssl_cert/ca_signed?").asBoolean()).isFalse();
        assertThat(cert.at("/ssl_cert/subject").asText()).isEqualTo("www.shop.example");
        assertThat(cert.at("/app/name").asText()).isEqualTo("shop");
        String name = cert.get("name").asText();

        var list = api.get(token, "/apps/shop/sni-endpoints");
        var one = api.get(token, "/apps/shop/sni-endpoints/" + name);
        assertThat(list.json()).hasSize(1);
        assertThat(one.json().get("id").asText()).isEqualTo(cert.get("id").asText());
        for (var response : List.of(added, list, one)) {
            assertThat(response.body()).doesNotContain("PRIVATE KEY").doesNotContain("private_key");
        }
    }

    @Test
    void the_router_feed_holds_the_certificate_with_its_key_for_the_covered_hostnames_and_users_cannot_read_it() {
        var site = TestCertificates.site(CA, "www.shop.example");
        created(api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem())));

        var feed = api.get(admin, "/router/tls");

        assertThat(feed.status()).isEqualTo(200);
        var certs = feed.json().get("certificates");
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).get("hostnames")).extracting(JsonNode::asText).containsExactly("www.shop.example");
        assertThat(certs.get(0).get("private_key_pem").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(certs.get(0).get("certificate_chain_pem").asText()).contains("-----BEGIN CERTIFICATE-----");
        assertThat(api.get(token, "/router/tls").status()).isEqualTo(403);
    }

    @Test
    void a_private_key_is_stored_encrypted() throws SQLException {
        var site = TestCertificates.site(CA, "www.shop.example");
        created(api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem())));
        String der = java.util.Base64.getEncoder().encodeToString(site.key().getPrivate().getEncoded());

        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select key_sealed, chain_pem from certificates")) {
            assertThat(rows.next()).isTrue();
            String sealed = new String(rows.getBytes(1), StandardCharsets.ISO_8859_1);
            assertThat(sealed).doesNotContain("PRIVATE KEY").doesNotContain(der.substring(0, 40));
            assertThat(rows.getString(2)).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void private_keys_never_reach_the_log_on_success_refusal_or_the_routers_read() {
        var site = TestCertificates.site(CA, "www.shop.example");
        var other = TestCertificates.site(CA, "www.shop.example");

        String[] served = new String[1];
        String log = CapturedStdout.during(() -> {
            created(api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem())));
            assertThat(api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), other.keyPem())).status())
                    .isEqualTo(422);
            assertThat(api.post(token, "/apps/shop/sni-endpoints", "{\"private_key\":\"" + other.keyPem()).status())
                    .isEqualTo(400);
            served[0] = api.get(admin, "/router/tls").json().at("/certificates/0/private_key_pem").asText();
        }, "/apps/shop/sni-endpoints", 3);
        assertThat(served[0]).startsWith("-----BEGIN PRIVATE KEY-----");
        for (String pem : List.of(site.keyPem(), other.keyPem(), served[0])) {
            pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16)
                    .forEach(line -> assertThat(log).doesNotContain(line));
        }
    }

    @Test
    void bad_certificates_are_refused_with_422_saying_what_is_wrong_and_nothing_is_stored() {
        var site = TestCertificates.site(CA, "www.shop.example");
        var otherKey = TestCertificates.ecKey();
        var expired = TestCertificates.site(CA, Instant.now().minus(Duration.ofDays(1)), TestCertificates.ecKey(),
                "www.shop.example");
        var elsewhere = TestCertificates.site(CA, "www.other.example");
        var intermediate = TestCertificates.ca("Test Intermediate");
        record Case(String body, String message) {
        }
        var cases = List.of(
                new Case(body(chain(site, CA), TestCertificates.keyPem(otherKey)),
                        "does not match the certificate"),
                new Case(body(chain(expired, CA), expired.keyPem()), "expired on"),
                new Case(body(chain(elsewhere, CA), elsewhere.keyPem()), "none of which is a domain of shop"),
                new Case(body("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
                        site.keyPem()), "not valid PEM"),
                new Case(body("hello", site.keyPem()), "PEM certificates"),
                new Case(body(chain(site, CA), "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n"),
                        "not a valid PEM private key"),
                new Case(body(chain(site, CA), TestCertificates.encryptedKeyPem(site.key())),
                        "encrypted with a passphrase"),
                new Case(body(chain(site), site.keyPem()), "chain is incomplete"),
                new Case(body(chain(site, intermediate), site.keyPem()), "out of order"));

        var failures = new ArrayList<String>();
        for (var c : cases) {
            var refused = api.post(token, "/apps/shop/sni-endpoints", c.body());
            if (refused.status() != 422 || !refused.message().contains(c.message())) {
                failures.add(c.message() + " -> " + refused.status() + " " + refused.message());
            }
        }

        assertThat(failures).isEmpty();
        assertThat(api.get(token, "/apps/shop/sni-endpoints").json()).isEmpty();
        assertThat(api.get(admin, "/router/tls").json().get("certificates")).isEmpty();
    }

    @Test
    void a_self_signed_certificate_is_accepted_and_said_to_be() {
        var site = TestCertificates.selfSigned("www.shop.example");

        var added = api.post(token, "/apps/shop/sni-endpoints", body(site.certPem(), site.keyPem()));

        created(added);
        assertThat(added.json().at("/ssl_cert/self_signed?").asBoolean()).isTrue();
    }

    @Test
    void a_certificate_is_replaced_and_removed_and_each_change_announces_tls_changed() throws SQLException {
        var first = TestCertificates.site(CA, "www.shop.example");
        var second = TestCertificates.site(CA, Instant.now().plus(Duration.ofDays(200)), TestCertificates.rsaKey(),
                "www.shop.example");
        long before = tlsEvents();
        String name = created(api.post(token, "/apps/shop/sni-endpoints", body(chain(first, CA), first.keyPem()))).json()
                .get("name").asText();

        var bad = api.patch(token, "/apps/shop/sni-endpoints/" + name, body(chain(second, CA), first.keyPem()));
        var updated = api.patch(token, "/apps/shop/sni-endpoints/" + name, body(chain(second, CA), second.keyPem()));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(Instant.parse(updated.json().at("/ssl_cert/expires_at").asText()))
                .isEqualTo(second.cert().getNotAfter().toInstant());
        assertThat(der(api.get(admin, "/router/tls").json().at("/certificates/0/private_key_pem").asText()))
                .isEqualTo(second.key().getPrivate().getEncoded());
        assertThat(api.delete(token, "/apps/shop/sni-endpoints/" + name).status()).isEqualTo(200);
        assertThat(api.get(token, "/apps/shop/sni-endpoints").json()).isEmpty();
        assertThat(api.get(admin, "/router/tls").json().get("certificates")).isEmpty();
        assertThat(tlsEvents() - before).isEqualTo(3);
    }

    @Test
    void another_user_can_neither_see_nor_change_the_apps_certificates() {
        var site = TestCertificates.site(CA, "www.shop.example");
        String name = created(api.post(token, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem()))).json()
                .get("name").asText();
        String mallory = platform.user("mallory@example.com");

        assertThat(api.get(mallory, "/apps/shop/sni-endpoints").status()).isEqualTo(404);
        assertThat(api.get(mallory, "/apps/shop/sni-endpoints/" + name).status()).isEqualTo(404);
        assertThat(api.patch(mallory, "/apps/shop/sni-endpoints/" + name, body(chain(site, CA), site.keyPem()))
                .status()).isEqualTo(404);
        assertThat(api.delete(mallory, "/apps/shop/sni-endpoints/" + name).status()).isEqualTo(404);
        assertThat(api.post(mallory, "/apps/shop/sni-endpoints", body(chain(site, CA), site.keyPem())).status())
                .isEqualTo(404);
        assertThat(api.get(mallory, "/router/tls").status()).isEqualTo(403);
        assertThat(api.get(token, "/apps/shop/sni-endpoints").json()).hasSize(1);
    }

    @Test
    void a_certificate_that_also_names_another_apps_domain_serves_only_its_own_apps() {
        String mallory = platform.user("mallory@example.com");
        assertThat(api.post(mallory, "/apps", "{\"name\":\"evil\"}").status()).isEqualTo(201);
        assertThat(api.post(mallory, "/apps/evil/domains", "{\"hostname\":\"evil.example\"}").status())
                .isEqualTo(201);
        var both = TestCertificates.site(CA, "evil.example", "www.shop.example");
        var only = TestCertificates.site(CA, "www.shop.example");

        var refused = api.post(mallory, "/apps/evil/sni-endpoints", body(chain(only, CA), only.keyPem()));
        var added = api.post(mallory, "/apps/evil/sni-endpoints", body(chain(both, CA), both.keyPem()));

        assertThat(refused.status()).isEqualTo(422);
        created(added);
        assertThat(added.json().get("domains")).extracting(JsonNode::asText).containsExactly("evil.example");
        var certs = api.get(admin, "/router/tls").json().get("certificates");
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).get("hostnames")).extracting(JsonNode::asText).containsExactly("evil.example");
    }

    @Test
    void https_options_are_set_per_app_and_delivered_to_routers() throws SQLException {
        long before = tlsEvents();

        var set = api.patch(token, "/apps/shop/https", "{\"redirect_http\":true,\"hsts\":true}");
        var half = api.patch(token, "/apps/shop/https", "{\"hsts\":false}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(half.json().get("redirect_http").asBoolean()).isTrue();
        assertThat(half.json().get("hsts").asBoolean()).isFalse();
        var policies = api.get(admin, "/router/tls").json().get("policies");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).get("redirect_http").asBoolean()).isTrue();
        assertThat(policies.get(0).get("hsts").asBoolean()).isFalse();
        assertThat(tlsEvents() - before).isEqualTo(2);
        assertThat(api.patch(platform.user("other@example.com"), "/apps/shop/https", "{\"hsts\":true}").status())
                .isEqualTo(404);
    }

    private static Api.Response created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static byte[] der(String pem) {
        return java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private long tlsEvents() throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from events where kind = 'tls.changed'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
