package dev.paas.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void defaults_run_apps_as_uid_1000_with_capped_container_logs() {
        var config = AgentConfig.fromEnv(Map.of("PAAS_API_KEY", " k ", "PAAS_DRAIN_SECONDS", ""));

        assertThat(config.apiKey()).isEqualTo("k");
        assertThat(config.appUser()).isEqualTo("1000:1000");
        assertThat(config.drain()).as("blank is unset").isEqualTo(Duration.ofSeconds(2));
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.logMaxSize()).isEqualTo("10m");
        assertThat(config.logMaxFiles()).isEqualTo(3);
        assertThat(config.statsInterval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void the_stats_interval_is_whole_seconds_from_1_to_3600() {
        assertThat(AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_STATS_INTERVAL_SECONDS", "5"))
                .statsInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_STATS_INTERVAL_SECONDS",
                "0"))).hasMessage("PAAS_STATS_INTERVAL_SECONDS must be a whole number of seconds from 1 to 3600, "
                + "got '0'");
    }

    @Test
    void bad_values_fail_fast_naming_the_variable_and_what_it_got() {
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of()))
                .hasMessage("PAAS_API_KEY is not set: give an admin token (create-user --admin)");
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_APP_USER", "0:0")))
                .hasMessage("PAAS_APP_USER must be a uid:gid other than root's, such as 1000:1000, got '0:0'");
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_DRAIN_SECONDS", "-1")))
                .hasMessage("PAAS_DRAIN_SECONDS must be a whole number of seconds from 0 to 9999, got '-1'");
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_HEARTBEAT_SECONDS", "0")))
                .hasMessage("PAAS_HEARTBEAT_SECONDS must be a whole number of seconds, at least 1, got '0'");
        assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_CONTAINER_LOG_MAX_SIZE",
                "lots"))).hasMessageStartingWith("PAAS_CONTAINER_LOG_MAX_SIZE must be a size such as 10m");
    }

    @Test
    void images_are_local_unless_a_registry_is_given_and_pulls_are_bounded() {
        var local = AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k"));
        assertThat(local.registry()).isNull();
        assertThat(local.pullTimeout()).isEqualTo(Duration.ofMinutes(5));

        var pulling = AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "k", "PAAS_REGISTRY", "10.0.0.5:5005",
                "PAAS_REGISTRY_USERNAME", "paas", "PAAS_REGISTRY_PASSWORD", "pw",
                "PAAS_IMAGE_PULL_TIMEOUT_SECONDS", "60"));
        assertThat(pulling.registry().address()).isEqualTo("10.0.0.5:5005");
        assertThat(pulling.registry().password()).isEqualTo("pw");
        assertThat(pulling.pullTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
