package dev.paas.cli.ps;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PsLineTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void a_process_that_could_not_start_shows_why() {
        var d = new Wire.Dyno("failed-x-web.1", "web.1", "web", ProcessState.CRASHED, 3, "standard-1X", "npm start", null, null,
                125, AT, "image sha256:0123 not found");

        assertThat(PsCommand.line(d)).startsWith("web.1: crashed (image sha256:0123 not found; exit 125) ")
                .endsWith("(v3)");
    }

    @Test
    void a_slot_waiting_for_room_shows_what_it_waits_for() {
        var d = new Wire.Dyno(null, "web.2", "web", ProcessState.WAITING, 3, "performance-L", "npm start", null, null, null, AT,
                "no agent has 14336 MB free; largest free is 3072 MB");

        assertThat(PsCommand.line(d))
                .startsWith("web.2: waiting (no agent has 14336 MB free; largest free is 3072 MB) ");
    }

    @Test
    void a_crash_without_a_reason_shows_its_exit_status_as_before() {
        var d = new Wire.Dyno("c1", "worker.1", "worker", ProcessState.CRASHED, 3, "standard-1X", "work", null, null, 1, AT);

        assertThat(PsCommand.line(d)).startsWith("worker.1: crashed (exit 1) ");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} bytes, {1}%: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "47395635 | 1.234 | '  mem 45 MB  cpu 1.2%'",
            "524288   | 0     | '  mem 0.5 MB  cpu 0.0%'",
            "1073741824 | 199.96 | '  mem 1024 MB  cpu 200.0%'",
    })
    void an_up_process_shows_the_memory_and_cpu_the_agent_measured(long bytes, double cpu, String shown) {
        var d = new Wire.Dyno("c1", "web.1", "web", ProcessState.UP, 3, "standard-1X", "npm start", "127.0.0.1", 41000,
                null, AT, null, bytes, cpu);

        assertThat(PsCommand.line(d)).startsWith("web.1: up ").endsWith("(v3)" + shown);
    }

    @Test
    void a_process_not_yet_measured_shows_no_figures() {
        var d = new Wire.Dyno("c1", "web.1", "web", ProcessState.STARTING, 3, "standard-1X", "npm start", null, null,
                null, AT);

        assertThat(PsCommand.line(d)).endsWith("(v3)").doesNotContain("mem", "cpu");
    }
}
