package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderConfigTest {

    @Test
    void defaults_match_the_platform_defaults() {
        var config = BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k"));

        assertThat(config.port()).isEqualTo(5001);
        assertThat(config.stackImage()).isEqualTo("paas/stack:bookworm");
        assertThat(config.buildImage()).isEqualTo("paas/build:bookworm");
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.caBundle()).isNull();
        assertThat(config.apiKey()).isEqualTo("k");
        assertThat(config.baseImages()).containsExactly("paas/stack:bookworm", "paas/build:bookworm");
        assertThat(config.concurrency()).isEqualTo(2);
        assertThat(config.perUser()).as("one user cannot take every slot").isEqualTo(1);
        assertThat(config.registry()).isNull();
        assertThat(config.bootWait()).as("the agent's 60 s boot timeout plus a margin")
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(config.warmContainer()).as("a build container waits for the next push").isTrue();
        assertThat(BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_BUILD_WARM_CONTAINER", "false")).warmContainer()).isFalse();
    }

    @Test
    void proxy_variables_are_passed_to_builds_and_nothing_else() {
        var config = BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "HTTPS_PROXY", "http://proxy:3128",
                "no_proxy", "localhost", "SECRET", "x", "PAAS_API_KEY", "k"));

        assertThat(config.buildEnv()).containsOnly(Map.entry("HTTPS_PROXY", "http://proxy:3128"),
                Map.entry("no_proxy", "localhost"));
    }

    @Test
    void bad_values_fail_fast_naming_the_variable() {
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CONCURRENCY", "0", "PAAS_API_KEY", "k")))
                .hasMessageContaining("PAAS_BUILD_CONCURRENCY");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_TIMEOUT_SECONDS", "soon", "PAAS_API_KEY", "k")))
                .hasMessageContaining("PAAS_BUILD_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "/no/such.pem")))
                .hasMessageContaining("PAAS_BUILD_CA_BUNDLE");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_API_URL", "nowhere")))
                .hasMessageContaining("PAAS_API_URL");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none")))
                .hasMessageContaining("PAAS_API_KEY is not set");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_BUILD_CONCURRENCY", "2", "PAAS_BUILD_CONCURRENCY_PER_USER", "3")))
                .hasMessageContaining("PAAS_BUILD_CONCURRENCY_PER_USER");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_BOOT_WAIT_SECONDS", "-1")))
                .hasMessageContaining("PAAS_BOOT_WAIT_SECONDS must be a whole number of seconds, at least 0, got '-1'");
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_BUILD_WARM_CONTAINER", "sometimes")))
                .hasMessageContaining("PAAS_BUILD_WARM_CONTAINER");
    }

    @Test
    void the_data_directory_holds_repositories_caches_and_the_journal() {
        var config = BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_BUILDER_DATA_DIR", "/srv/b",
                "PAAS_API_KEY", "k"));

        assertThat(config.repoDir()).isEqualTo(Path.of("/srv/b/repos"));
        assertThat(config.cacheDir()).isEqualTo(Path.of("/srv/b/cache"));
        assertThat(config.pendingDir()).isEqualTo(Path.of("/srv/b/pending"));
    }

    @Test
    void a_registry_is_pushed_to_over_tls_keeping_the_last_ten_releases_images_by_default() {
        var config = BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_REGISTRY", "10.0.0.5:5005", "PAAS_REGISTRY_USERNAME", "paas", "PAAS_REGISTRY_PASSWORD", "pw"));

        assertThat(config.registry().address()).isEqualTo("10.0.0.5:5005");
        assertThat(config.registryAccess().base()).hasToString("https://10.0.0.5:5005");
        assertThat(config.retainReleases()).isEqualTo(10);
    }

    @Test
    void plain_http_to_a_registry_off_this_host_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_REGISTRY", "10.0.0.5:5005", "PAAS_REGISTRY_PLAIN_HTTP", "true")))
                .hasMessageStartingWith("PAAS_REGISTRY_PLAIN_HTTP must be false for a registry off this host");
    }

    @Test
    void keeping_no_release_images_is_refused() {
        assertThatThrownBy(() -> BuilderConfig.fromEnv(Map.of("PAAS_BUILD_CA_BUNDLE", "none", "PAAS_API_KEY", "k",
                "PAAS_IMAGE_RETAIN_RELEASES", "0")))
                .hasMessageStartingWith("PAAS_IMAGE_RETAIN_RELEASES must be a whole number from 1 to 1000");
    }
}
