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
}
