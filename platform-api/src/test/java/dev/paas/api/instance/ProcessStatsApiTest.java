package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine's figures travel with the agents' reports and come back with the app's dynos. */
@ExtendWith(PlatformExtension.class)
class ProcessStatsApiTest {
    private Api api;
    private String admin;
    private String agent;
    private String appId;

    @BeforeEach
    void anAgentAndAnApp(TestPlatform platform, Api api) {
        this.api = api;
        admin = platform.admin("ops@example.com");
        agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
        api.post(admin, "/apps", "{\"name\":\"measured\"}");
        Deploys.deploy(api, admin, "measured", "abcdef0", "img:1");
        appId = api.get(admin, "/apps/measured").json().get("id").asText();
    }

    @Test
    void a_reports_memory_and_cpu_are_shown_with_the_dyno() {
        assertThat(report("\"memory_bytes\":47395635,\"cpu_percent\":1.25").status()).isEqualTo(204);

        var dyno = api.get(admin, "/apps/measured/dynos").json().get(0);
        assertThat(dyno.get("memory_bytes").asLong()).isEqualTo(47_395_635L);
        assertThat(dyno.get("cpu_percent").asDouble()).isEqualTo(1.25);
    }

    @Test
    void a_report_without_figures_from_an_older_agent_shows_none() {
        assertThat(report("\"port\":41000").status()).isEqualTo(204);

        var dyno = api.get(admin, "/apps/measured/dynos").json().get(0);
        assertThat(dyno.get("state").asText()).isEqualTo("up");
        assertThat(dyno.get("memory_bytes").isNull()).isTrue();
        assertThat(dyno.get("cpu_percent").isNull()).isTrue();
    }

    @Test
    void impossible_figures_are_stored_as_unknown_not_shown() {
        assertThat(report("\"memory_bytes\":-1,\"cpu_percent\":-3.5").status()).isEqualTo(204);

        var dyno = api.get(admin, "/apps/measured/dynos").json().get(0);
        assertThat(dyno.get("memory_bytes").isNull()).isTrue();
        assertThat(dyno.get("cpu_percent").isNull()).isTrue();
    }

    @Test
    void the_api_serves_its_own_metrics_without_a_token() {
        api.get(admin, "/apps/measured");
        api.get(admin, "/apps/no-such-app");

        var metrics = api.get(null, "/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).containsPattern("(?m)^api_http_requests_total\\{status=\"2xx\"} [1-9]")
                .containsPattern("(?m)^api_http_requests_total\\{status=\"4xx\"} [1-9]")
                .contains("api_http_request_duration_seconds_bucket{le=\"+Inf\"}")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} [1-9]")
                .doesNotContain("measured");
    }

    private Api.Response report(String fields) {
        return api.call("PUT", admin, "/agents/" + agent + "/reports", "{\"instances\":[{\"container_id\":"
                + "\"c0ffee\",\"app_id\":\"" + appId + "\",\"type\":\"web\",\"index\":1,\"release\":3,"
                + "\"state\":\"up\"," + fields + "}]}");
    }
}
