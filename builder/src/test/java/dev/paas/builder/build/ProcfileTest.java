package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void types_keep_file_order_and_comments_and_blank_lines_are_skipped() {
        var types = Procfile.parse("# processes\nweb: node server.js --port $PORT\r\n\nworker:   bin/work  \n");

        assertThat(types).containsExactly(java.util.Map.entry("web", "node server.js --port $PORT"),
                java.util.Map.entry("worker", "bin/work"));
    }

    @Test
    void a_line_without_a_type_fails_with_its_number() {
        assertThatThrownBy(() -> Procfile.parse("web: ok\n\njust a command\n"))
                .isInstanceOf(BuildFailure.class).hasMessageStartingWith("Procfile line 3 is not 'type: command'");
    }

    @Test
    void a_type_with_an_empty_command_or_bad_name_is_malformed() {
        assertThatThrownBy(() -> Procfile.parse("web:\n")).hasMessageStartingWith("Procfile line 1");
        assertThatThrownBy(() -> Procfile.parse("web.1: x\n")).hasMessageStartingWith("Procfile line 1");
    }

    @Test
    void a_type_declared_twice_is_refused() {
        assertThatThrownBy(() -> Procfile.parse("web: a\nweb: b\n"))
                .hasMessage("Procfile line 2 declares process type 'web' a second time");
    }
}
