package dev.paas.api.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ACM switch and statuses; the run's platform has an ACME directory nothing answers on (see TestPlatform). */
@ExtendWith(PlatformExtension.class)
class AcmApiTest {
    private TestPlatform platform;
    private Api api;
    private String token;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.token = platform.user("acm@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"auto\"}").status()).isEqualTo(201);
        assertThat(api.post(token, "/apps/auto/domains", "{\"hostname\":\"www.auto.example\"}").status())
                .isEqualTo(201);
    }

    @Test
    void enabling_acm_marks_custom_domains_and_an_unreachable_ca_makes_them_failing_with_the_reason() throws Exception {
        assertThat(domain("auto", "www.auto.example").path("acm_status").isNull()).isTrue();

        var enabled = api.post(token, "/apps/auto/acm", "{}");

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("acm").asBoolean()).isTrue();
        assertThat(api.get(token, "/apps/auto/https").json().get("acm").asBoolean()).isTrue();
        assertThat(api.get(token, "/apps/auto").json().get("acm").asBoolean())
                .as("the app's own acm field, which the heroku CLI's certs:auto reads").isTrue();
        assertThat(domain("auto", "auto.paas.test").path("acm_status").isNull()).as("the default hostname").isTrue();
        var failing = await("www.auto.example", "failing");
        assertThat(failing.path("acm_status_reason").asText()).contains("127.0.0.1:9");

        var refreshed = api.patch(token, "/apps/auto/acm", "{}");

        assertThat(refreshed.status()).isEqualTo(200);
        await("www.auto.example", "failing");
        assertThat(api.delete(token, "/apps/auto/acm").json().get("acm").asBoolean()).isFalse();
        assertThat(api.get(token, "/apps/auto").json().get("acm").asBoolean()).isFalse();
        assertThat(domain("auto", "www.auto.example").path("acm_status").isNull()).isTrue();
    }

    @Test
    void retrying_acm_when_it_is_off_is_refused_saying_how_to_turn_it_on() {
        var refused = api.patch(token, "/apps/auto/acm", "{}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("paas certs:auto:enable");
    }

    @Test
    void another_user_can_neither_switch_acm_on_the_app_nor_reach_its_domains_through_their_own() throws Exception {
        String mallory = platform.user("mallory@example.com");
        assertThat(api.post(mallory, "/apps", "{\"name\":\"mine\"}").status()).isEqualTo(201);

        assertThat(api.post(mallory, "/apps/auto/acm", "{}").status()).isEqualTo(404);
        assertThat(api.delete(mallory, "/apps/auto/acm").status()).isEqualTo(404);
        assertThat(api.post(mallory, "/apps/mine/domains", "{\"hostname\":\"www.auto.example\"}").status())
                .isEqualTo(409);
        assertThat(api.post(mallory, "/apps/mine/acm", "{}").status()).isEqualTo(200);

        assertThat(api.get(token, "/apps/auto/https").json().get("acm").asBoolean()).isFalse();
        assertThat(domain("auto", "www.auto.example").path("acm_status").isNull()).isTrue();
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from acm_domains")) {
            rows.next();
            assertThat(rows.getInt(1)).as("mallory's app has no custom domain to order for").isZero();
        }
    }

    private JsonNode domain(String app, String hostname) {
        return api.get(token, "/apps/" + app + "/domains/" + hostname).json();
    }

    private JsonNode await(String hostname, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = domain("auto", hostname);
            if (status.equals(last.path("acm_status").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(hostname + " never became " + status + "; last: " + last);
    }
}
