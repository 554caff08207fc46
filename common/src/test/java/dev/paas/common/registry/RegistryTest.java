package dev.paas.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.common.env.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void no_registry_means_local_images() {
        assertThat(Registry.fromEnv(new Env(Map.of()))).isEmpty();
    }

    @Test
    void a_registry_with_credentials_is_read_and_its_password_is_not_printed() {
        var registry = Registry.fromEnv(new Env(Map.of("PAAS_REGISTRY", "10.0.0.5:5005",
                "PAAS_REGISTRY_USERNAME", "paas", "PAAS_REGISTRY_PASSWORD", "s3cret"))).orElseThrow();

        assertThat(registry.authenticated()).isTrue();
        assertThat(registry.repository("paas-app/web")).isEqualTo("10.0.0.5:5005/paas-app/web");
        assertThat(registry.holds("10.0.0.5:5005/paas-app/web@sha256:ab")).isTrue();
        assertThat(registry.holds("sha256:ab")).isFalse();
        assertThat(registry.toString()).doesNotContain("s3cret");
    }

    @Test
    void a_url_instead_of_host_and_port_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> Registry.fromEnv(new Env(Map.of("PAAS_REGISTRY", "https://10.0.0.5:5005"))))
                .hasMessageStartingWith("PAAS_REGISTRY must be the registry's host:port");
    }

    @Test
    void a_user_without_a_password_is_refused() {
        assertThatThrownBy(() -> Registry.fromEnv(new Env(Map.of("PAAS_REGISTRY", "127.0.0.1:5005",
                "PAAS_REGISTRY_USERNAME", "paas")))).hasMessageContaining("go together");
    }

    @Test
    void credentials_without_a_registry_are_refused() {
        assertThatThrownBy(() -> Registry.fromEnv(new Env(Map.of("PAAS_REGISTRY_PASSWORD", "x"))))
                .hasMessageContaining("PAAS_REGISTRY is not");
    }
}
