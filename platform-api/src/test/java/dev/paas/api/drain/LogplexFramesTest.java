package dev.paas.api.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogplexFramesTest {
    private static final Instant T = Instant.parse("2026-11-30T06:45:29.123456Z");

    @Test
    void an_http_frame_is_the_byte_length_then_the_rfc5424_message_ending_in_a_newline() {
        var frames = LogplexFrames.frames("host", List.of(new LogplexFrames.Message(T, "app", "web.3",
                "State changed from starting to up")), true);

        String message = "<190>1 2026-11-30T06:45:29.123456+00:00 host app web.3 - State changed from starting to up\n";
        assertThat(new String(frames, StandardCharsets.UTF_8)).isEqualTo(message.length() + " " + message);
    }

    @Test
    void lengths_count_bytes_not_characters_and_header_fields_lose_spaces() {
        var frames = new String(LogplexFrames.frames("d.token", List.of(
                new LogplexFrames.Message(T, "app", "run 1", "héllo ✓")), false), StandardCharsets.UTF_8);

        String message = "<190>1 2026-11-30T06:45:29.123456+00:00 d.token app run_1 - héllo ✓";
        assertThat(frames).isEqualTo(message.getBytes(StandardCharsets.UTF_8).length + " " + message);
    }

    @Test
    void the_overflow_line_is_herokus_L10_wording_from_logplex() {
        var line = LogplexFrames.overflow(700, Instant.parse("2026-11-30T06:40:00Z"), T);

        assertThat(line.source()).isEqualTo("heroku");
        assertThat(line.dyno()).isEqualTo("logplex");
        assertThat(line.text()).isEqualTo(
                "Error L10 (output buffer overflow): 700 messages dropped since 2026-11-30T06:40:00.000000+00:00.");
    }
}
