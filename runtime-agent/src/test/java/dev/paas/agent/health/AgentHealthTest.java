package dev.paas.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration STALE = Duration.ofSeconds(90);
    private final AgentHealth health = new AgentHealth();

    @Test
    void an_agent_not_yet_registered_is_unhealthy_and_says_so() {
        assertThat(health.verdict(T0, STALE))
                .isEqualTo(new AgentHealth.Verdict(false, "not registered with the control plane yet"));
    }

    @Test
    void an_agent_failing_to_register_says_since_when_and_why() {
        health.failing(T0, "Connection refused");
        health.failing(T0.plusSeconds(5), "Connection reset");

        assertThat(health.verdict(T0.plusSeconds(6), STALE)).isEqualTo(new AgentHealth.Verdict(false,
                "not registered: control plane unreachable since 2026-01-01T00:00:00Z (Connection reset)"));
    }

    @Test
    void a_registered_agent_is_healthy_only_once_its_first_pass_completed() {
        health.registered(T0);
        assertThat(health.verdict(T0.plusSeconds(1), STALE).reason())
                .isEqualTo("registered at 2026-01-01T00:00:00Z; the first pass has not completed yet");

        health.passed(T0.plusSeconds(2));
        assertThat(health.verdict(T0.plusSeconds(3), STALE)).isEqualTo(new AgentHealth.Verdict(true,
                "registered; last pass completed at 2026-01-01T00:00:02Z"));
    }

    @Test
    void losing_the_control_plane_after_registering_is_unhealthy_until_a_pass_completes_again() {
        health.registered(T0);
        health.passed(T0);
        health.failing(T0.plusSeconds(10), "Connection refused");
        health.failing(T0.plusSeconds(11), "Connection refused");

        assertThat(health.verdict(T0.plusSeconds(12), STALE)).isEqualTo(new AgentHealth.Verdict(false,
                "control plane unreachable since 2026-01-01T00:00:10Z (Connection refused)"));

        health.passed(T0.plusSeconds(13));
        assertThat(health.verdict(T0.plusSeconds(14), STALE).healthy()).isTrue();
    }

    @Test
    void a_loop_that_completes_no_pass_for_longer_than_the_window_is_unhealthy() {
        health.registered(T0);
        health.passed(T0.plusSeconds(1));

        assertThat(health.verdict(T0.plusSeconds(91), STALE).healthy()).isTrue();
        assertThat(health.verdict(T0.plusSeconds(92), STALE)).isEqualTo(new AgentHealth.Verdict(false,
                "no pass completed since 2026-01-01T00:00:01Z (expected within 90 s)"));
    }

    @Test
    void a_first_pass_that_never_completes_is_unhealthy_after_the_window() {
        health.registered(T0);

        assertThat(health.verdict(T0.plusSeconds(91), STALE).reason())
                .isEqualTo("no pass completed since registering at 2026-01-01T00:00:00Z (expected within 90 s)");
    }
}
