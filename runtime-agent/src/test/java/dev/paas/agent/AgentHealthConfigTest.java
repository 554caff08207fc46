package dev.paas.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentHealthConfigTest {
    @Test
    void the_health_check_answers_on_loopback_port_5002_by_default() {
        assertThat(AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "t")).health())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 5002));
    }

    @Test
    void the_health_port_and_address_come_from_the_environment() {
        assertThat(AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_AGENT_HEALTH_PORT", "15004",
                "PAAS_AGENT_HEALTH_BIND", "0.0.0.0")).health()).isEqualTo(new InetSocketAddress("0.0.0.0", 15004));
    }

    @Test
    void a_health_port_that_is_no_port_is_refused_naming_the_variable() {
        for (String bad : new String[] {"http", "-1", "65536"}) {
            assertThatThrownBy(() -> AgentConfig.fromEnv(Map.of("PAAS_API_KEY", "t", "PAAS_AGENT_HEALTH_PORT", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("PAAS_AGENT_HEALTH_PORT must be a port number from 0 to 65535 (0: any free port), got '" + bad + "'");
        }
    }
}
