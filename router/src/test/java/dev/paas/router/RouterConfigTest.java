package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void defaults_follow_heroku_and_listen_on_8080() {
        var config = RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t"));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.domain()).isEqualTo("localhost");
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(55));
        assertThat(config.accessLog()).isTrue();
    }

    @Test
    void a_token_or_a_routes_file_is_required() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of())).hasMessageContaining("PAAS_API_KEY is not set");
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_ROUTER_ROUTES_FILE", "/tmp/routes.json")).token()).isNull();
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "k")).token()).isEqualTo("k");
    }

    @Test
    void the_old_token_name_alone_fails_at_start_saying_it_was_renamed() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PAAS_ROUTER_TOKEN was renamed to PAAS_API_KEY");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "t",
                "PAAS_ROUTER_ROUTES_FILE", "/tmp/routes.json"))).hasMessageContaining("renamed to PAAS_API_KEY");
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_ROUTER_TOKEN", "old", "PAAS_API_KEY", "new")).token())
                .as("the new name wins once set").isEqualTo("new");
    }

    @Test
    void shipping_logs_is_on_unless_turned_off_and_a_typo_is_refused() {
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t")).shipLogs()).isTrue();
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_SHIP_LOGS", "false")).shipLogs())
                .isFalse();
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_SHIP_LOGS", "no")))
                .hasMessage("PAAS_ROUTER_SHIP_LOGS must be true or false, got 'no'");
    }

    @Test
    void bad_numbers_fail_fast_with_the_variable_name() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_PORT", "http")))
                .hasMessageContaining("PAAS_ROUTER_PORT");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t",
                "PAAS_ROUTER_RESPONSE_TIMEOUT_MS", "0"))).hasMessageContaining("PAAS_ROUTER_RESPONSE_TIMEOUT_MS");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_ACCESS_LOG",
                "file"))).hasMessageContaining("PAAS_ROUTER_ACCESS_LOG");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_TRANSPORT",
                "kqueue"))).hasMessageContaining("PAAS_ROUTER_TRANSPORT");
    }

    @Test
    void https_is_off_without_a_default_certificate_and_on_port_8443_with_one() {
        assertThat(RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t")).tls()).isNull();
        var tls = RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_TLS_CERT", "/c.pem",
                "PAAS_ROUTER_TLS_KEY", "/k.pem")).tls();

        assertThat(tls.port()).isEqualTo(8443);
        assertThat(tls.feedFile()).isNull();
        assertThat(tls.jdkOnly()).isFalse();
    }

    @Test
    void a_certificate_without_its_key_or_a_bad_provider_fails_fast_naming_the_variables() {
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_TLS_CERT", "/c.pem")))
                .hasMessageContaining("PAAS_ROUTER_TLS_CERT and PAAS_ROUTER_TLS_KEY go together");
        assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_ROUTER_TLS_CERT", "/c.pem",
                "PAAS_ROUTER_TLS_KEY", "/k.pem", "PAAS_ROUTER_TLS_PROVIDER", "libressl")))
                .hasMessageContaining("PAAS_ROUTER_TLS_PROVIDER");
    }
}
