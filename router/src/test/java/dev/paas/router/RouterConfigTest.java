package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void defaults_follow_heroku_and_listen_on_8080() {
        var config = RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t"));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.domain()).isEqualTo("localhost");
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(55));
        assertThat(config.accessLog()).isTrue();
    }

    @Test
    void a_token_or_a_routes_file_is_required() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of())).hasMessageContaining("PAAS_ROUTER_TOKEN");
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_ROUTER_ROUTES_FILE", "/tmp/routes.json")).token()).isNull();
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "k")).token()).isEqualTo("k");
    }

    @Test
    void bad_numbers_fail_fast_with_the_variable_name() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t", "PAAS_ROUTER_PORT", "http")))
                .hasMessageContaining("PAAS_ROUTER_PORT");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t",
                "PAAS_ROUTER_RESPONSE_TIMEOUT_MS", "0"))).hasMessageContaining("PAAS_ROUTER_RESPONSE_TIMEOUT_MS");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t", "PAAS_ROUTER_ACCESS_LOG",
                "file"))).hasMessageContaining("PAAS_ROUTER_ACCESS_LOG");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t", "PAAS_ROUTER_TRANSPORT",
                "kqueue"))).hasMessageContaining("PAAS_ROUTER_TRANSPORT");
    }
}
