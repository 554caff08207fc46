package dev.paas.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllInOneConfigTest {
    private static final Map<String, String> MINIMAL = Map.of(
            "DATABASE_URL", "postgres://paas:paas@127.0.0.1:5432/paas",
            "PAAS_API_KEY", "paas_token");

    private static Map<String, String> with(String... pairs) {
        var env = new HashMap<>(MINIMAL);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void agent_builder_and_router_find_the_api_on_the_port_it_listens_on() {
        var config = AllInOneConfig.fromEnv(with("PORT", "5060"));

        assertThat(config.agent().apiUrl()).hasToString("http://127.0.0.1:5060");
        assertThat(config.builder().apiUrl()).hasToString("http://127.0.0.1:5060");
        assertThat(config.router().apiUrl()).hasToString("http://127.0.0.1:5060");
    }

    @Test
    void the_api_names_git_and_web_urls_after_the_builder_and_router_ports_of_the_same_process() {
        var config = AllInOneConfig.fromEnv(with("PAAS_BUILDER_PORT", "5061", "PAAS_ROUTER_PORT", "5062",
                "PAAS_DOMAIN", "example.test"));

        assertThat(config.api().gitUrl()).hasToString("http://127.0.0.1:5061");
        assertThat(config.api().routerUrl()).hasToString("http://example.test:5062");
        assertThat(config.builder().port()).isEqualTo(5061);
        assertThat(config.router().port()).isEqualTo(5062);
    }

    @Test
    void urls_given_explicitly_win_over_the_derived_ones() {
        var config = AllInOneConfig.fromEnv(with("PORT", "5060", "PAAS_API_URL", "http://10.0.0.5:5060",
                "PAAS_BUILDER_PORT", "5061", "PAAS_GIT_URL", "https://git.example.test"));

        assertThat(config.agent().apiUrl()).hasToString("http://10.0.0.5:5060");
        assertThat(config.api().gitUrl()).hasToString("https://git.example.test");
    }

    @Test
    void a_shared_variable_means_the_same_to_every_component_that_reads_it() {
        var config = AllInOneConfig.fromEnv(with("PAAS_DOMAIN", "Example.TEST"));

        assertThat(config.api().domain()).isEqualTo("example.test");
        assertThat(config.router().domain()).isEqualTo("example.test");
        assertThat(config.agent().apiKey()).isEqualTo(config.builder().apiKey()).isEqualTo(config.router().token());
    }

    @Test
    void a_bad_variable_is_reported_with_the_component_that_read_it() {
        var env = new HashMap<>(MINIMAL);
        env.remove("PAAS_API_KEY");

        assertThatThrownBy(() -> AllInOneConfig.fromEnv(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("agent: PAAS_API_KEY");
    }

    @Test
    void no_local_agent_leaves_the_agent_out() {
        assertThat(AllInOneConfig.fromEnv(with("PAAS_LOCAL_AGENT", "0")).agent()).isNull();
        assertThat(AllInOneConfig.fromEnv(MINIMAL).agent()).isNotNull();
    }

    @Test
    void a_router_in_its_own_process_is_left_out_and_its_variables_are_not_read() {
        // PAAS_ROUTER_TLS_PORT would be refused by the router's config: it is not read when the router runs apart.
        var config = AllInOneConfig.fromEnv(with("PAAS_ALL_IN_ONE_ROUTER", "0", "PAAS_ROUTER_TLS_PORT", "not-a-port"));

        assertThat(config.router()).isNull();
        assertThat(config.builder()).isNotNull();
        assertThat(AllInOneConfig.fromEnv(MINIMAL).router()).isNotNull();
    }

    @Test
    void the_stop_budget_is_bin_platforms_wait_before_sigkill() {
        assertThat(AllInOneConfig.fromEnv(MINIMAL).stopBudget()).hasSeconds(30);
        assertThat(AllInOneConfig.fromEnv(with("PAAS_STOP_TIMEOUT", "12")).stopBudget()).hasSeconds(12);
    }
}
