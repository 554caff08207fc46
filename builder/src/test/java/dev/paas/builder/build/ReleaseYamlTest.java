package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseYamlTest {

    @Test
    void default_process_types_are_read_and_other_keys_ignored() {
        String yaml = """
                ---
                addons: []
                config_vars:
                  PATH: /app/bin
                default_process_types:
                  web: "node server.js"
                  worker: bin/worker --queue 'a'
                  clock: 'echo ''tick'''
                """;

        assertThat(ReleaseYaml.defaultProcessTypes(yaml)).containsExactly(Map.entry("web", "node server.js"),
                Map.entry("worker", "bin/worker --queue 'a'"), Map.entry("clock", "echo 'tick'"));
    }

    @Test
    void no_block_means_no_types() {
        assertThat(ReleaseYaml.defaultProcessTypes("---\n")).isEmpty();
        assertThat(ReleaseYaml.defaultProcessTypes("")).isEmpty();
    }
}
