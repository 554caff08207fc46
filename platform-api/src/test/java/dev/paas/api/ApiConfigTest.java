package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
    private static final String DB = "postgres://paas:secret@127.0.0.1:5432/paas";

    @Test
    void defaults_listen_on_loopback_5000_and_derive_the_router_url_from_the_domain() {
        var config = ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_DOMAIN", " Example.COM ", "PORT", ""));

        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).as("blank is unset").isEqualTo(5000);
        assertThat(config.domain()).isEqualTo("example.com");
        assertThat(config.routerUrl()).isEqualTo(URI.create("http://example.com:8080"));
        assertThat(config.gitUrl()).isEqualTo(URI.create("http://127.0.0.1:5001"));
        assertThat(config.agentTimeoutSeconds()).isEqualTo(30);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/paas");
    }

    @Test
    void bad_values_fail_fast_naming_the_variable_and_what_it_got() {
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of()))
                .hasMessageStartingWith("DATABASE_URL is not set: give the Postgres URL");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PORT", "70000")))
                .hasMessage("PORT must be a port number from 0 to 65535 (0: any free port), got '70000'");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "DATABASE_POOL_SIZE", "many")))
                .hasMessage("DATABASE_POOL_SIZE must be a whole number from 1 to 200, got 'many'");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_AGENT_TIMEOUT_SECONDS", "1")))
                .hasMessage("PAAS_AGENT_TIMEOUT_SECONDS must be a whole number of seconds from 2 to 3600, got '1'");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_DOMAIN", "under_score")))
                .hasMessage("PAAS_DOMAIN must be a DNS name such as example.com, got 'under_score'");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_GIT_URL", "git-host")))
                .hasMessageStartingWith("PAAS_GIT_URL must be an absolute http(s) URL");
    }

    @Test
    void a_secrets_key_must_be_32_bytes_of_base64_and_a_bad_one_is_not_echoed() {
        String short16 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : java.util.List.of(short16, "not base64 at all!")) {
            assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_SECRETS_KEY", bad)))
                    .hasMessageStartingWith("PAAS_SECRETS_KEY must be base64 of 32 random bytes")
                    .message().doesNotContain(bad);
        }
        var config = ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_SECRETS_KEY", TestPlatform.SECRETS_KEY));

        assertThat(config.secretsKey()).hasValueSatisfying(key -> assertThat(key).hasSize(32));
        assertThat(ApiConfig.fromEnv(Map.of("DATABASE_URL", DB)).secretsKey()).isEmpty();
        assertThat(config.acme().directoryUrl().toString()).isEqualTo("https://acme-v02.api.letsencrypt.org/directory");
        assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DATABASE_URL", DB, "PAAS_ACME_CA_FILE", "/nonexistent.pem")))
                .hasMessage("PAAS_ACME_CA_FILE must be a readable PEM file, got '/nonexistent.pem'");
    }
}
