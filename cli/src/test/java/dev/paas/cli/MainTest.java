package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Main#run} does before and without a reachable API. */
class MainTest {
    @TempDir
    Path home;

    @Test
    void an_unreachable_api_is_named_with_its_url_and_exit_code_1() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var err = new StringWriter();
        int code = run(Map.of("PAAS_API_URL", "http://127.0.0.1:" + port, "PAAS_API_KEY", "t"), err, "apps");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith(" ▸    Cannot reach the platform API at http://127.0.0.1:" + port + ": ")
                .doesNotContain("null");
    }

    @Test
    void without_a_token_commands_say_how_to_log_in() {
        var err = new StringWriter();

        assertThat(run(Map.of(), err, "apps")).isEqualTo(1);
        assertThat(err.toString()).contains("Not logged in. Run `paas login`.");
    }

    @Test
    void unknown_commands_are_usage_errors_with_exit_code_2() {
        var err = new StringWriter();

        assertThat(run(Map.of(), err, "frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }

    private int run(Map<String, String> env, StringWriter err, String... args) {
        var all = new java.util.HashMap<>(env);
        all.put("HOME", home.toString());
        return Main.run(CliConfig.fromEnv(all, home), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }
}
