package dev.paas.agent.converge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.HealthCheck;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.ProcessState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks on the real Docker engine: each kind of check, a failing startup check, liveness. */
class HealthChecksTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    /** Serves /tmp/www: /health answers "ok" until the file is removed. */
    private static final List<String> WEB = List.of("sh", "-c", "mkdir -p /tmp/www && echo ok > /tmp/www/health "
            + "&& exec python3 -m http.server \"$PORT\" --directory /tmp/www");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String agent = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> platformLines = new CopyOnWriteArrayList<>();
    private final Converger converger = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofMinutes(5), new ProcessLog() {
                @Override
                public void app(InstanceKey key, Instant time, String line) {
                }

                @Override
                public void platform(InstanceKey key, String line) {
                    platformLines.add("heroku[" + key.dyno() + "]: " + line);
                }
            }, () -> { }, Duration.ZERO);

    @AfterEach
    void removeContainers() throws Exception {
        converger.close();
        docker.list(Labels.AGENT + "=" + agent).forEach(c -> docker.remove(c.id()));
        docker.networks(Labels.AGENT + "=" + agent).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void a_process_whose_http_check_finds_the_expected_content_comes_up() throws Exception {
        var web = web(1, check(HealthCheck.Phase.STARTUP, "/health", "ok", null, false, 3));

        passUntil(List.of(web), upIn(1));

        assertThat(converger.actual()).singleElement().extracting(ActualInstance::state)
                .isEqualTo(ActualInstance.State.UP);
    }

    @Test
    void a_process_whose_command_check_exits_zero_as_the_apps_own_user_comes_up() throws Exception {
        var web = web(1, check(HealthCheck.Phase.STARTUP, null, null,
                List.of("sh", "-c", "test \"$(id -u)\" = 1000 && test -f /tmp/www/health"), false, 3));

        passUntil(List.of(web), upIn(1));
    }

    @Test
    void a_process_whose_listening_check_passes_comes_up() throws Exception {
        var web = web(1, check(HealthCheck.Phase.READINESS, null, null, null, true, 3));

        passUntil(List.of(web), upIn(1));
    }

    @Test
    void a_process_whose_body_lacks_the_expected_content_crashes_with_the_check_as_reason_and_is_restarted()
            throws Exception {
        var web = web(1, check(HealthCheck.Phase.STARTUP, "/health", "ready", null, false, 2));
        var reports = new ArrayList<Observed>();

        converger.pass(List.of(web));
        String first = docker.list(Labels.AGENT + "=" + agent).getFirst().id();
        passUntil(List.of(web), pass -> {
            reports.addAll(pass.report());
            return docker.list(Labels.AGENT + "=" + agent).stream().anyMatch(c -> !c.id().equals(first));
        });

        assertThat(reports).as("never up").noneMatch(o -> o.instance().state() == ActualInstance.State.UP);
        assertThat(reports).anySatisfy(o -> {
            assertThat(o.instance().containerId()).isEqualTo(first);
            assertThat(o.instance().processState()).isEqualTo(ProcessState.CRASHED);
            assertThat(o.reason()).isEqualTo("health check failed: startup GET /health returned a body without "
                    + "\"ready\" (2 attempts)");
        });
        assertThat(platformLines).contains("heroku[web.1]: Process crashed: health check failed: startup GET "
                + "/health returned a body without \"ready\" (2 attempts)");
    }

    @Test
    void a_process_whose_startup_command_fails_crashes_with_the_command_and_its_status() throws Exception {
        var web = web(1, check(HealthCheck.Phase.STARTUP, null, null, List.of("sh", "-c", "exit 3"), false, 2));
        var reports = new ArrayList<Observed>();

        passUntil(List.of(web), pass -> {
            reports.addAll(pass.report());
            return reports.stream().anyMatch(o -> o.instance().state() == ActualInstance.State.EXITED);
        });

        assertThat(reports).anySatisfy(o -> assertThat(o.reason())
                .isEqualTo("health check failed: startup command `sh -c exit 3` exited with status 3 (2 attempts)"));
    }

    @Test
    void a_new_release_whose_health_check_fails_never_replaces_the_old_one_which_keeps_serving() throws Exception {
        var v1 = web(1, check(HealthCheck.Phase.STARTUP, "/health", null, null, false, 3));
        passUntil(List.of(v1), upIn(1));
        String old = docker.list(Labels.AGENT + "=" + agent).getFirst().id();
        var v2 = new DesiredInstance(v1.key(), 2, IMAGE, WEB, Map.of(), "standard-1X", false, 0,
                List.of(check(HealthCheck.Phase.STARTUP, "/missing", null, null, false, 2)));
        var seen = new ArrayList<Observed>();

        passUntil(List.of(v2), pass -> {
            seen.addAll(pass.report());
            assertThat(pass.report()).as("the old release serves throughout").anyMatch(o ->
                    o.instance().containerId().equals(old) && o.instance().state() == ActualInstance.State.UP);
            return seen.stream().anyMatch(o -> o.instance().release() == 2
                    && o.instance().state() == ActualInstance.State.EXITED);
        });

        assertThat(seen).as("v2 never up").noneMatch(o -> o.instance().release() == 2
                && o.instance().state() == ActualInstance.State.UP);
        assertThat(seen).anySatisfy(o -> assertThat(o.reason())
                .isEqualTo("health check failed: startup GET /missing returned 404 (2 attempts)"));
    }

    @Test
    void a_process_that_stops_answering_its_liveness_check_is_killed_and_replaced() throws Exception {
        var web = web(1, check(HealthCheck.Phase.LIVENESS, "/health", "ok", null, false, 2));
        passUntil(List.of(web), upIn(1));
        String first = docker.list(Labels.AGENT + "=" + agent).getFirst().id();

        assertThat(docker.exec(first, "1000:1000", List.of("rm", "/tmp/www/health"), Duration.ofSeconds(5)))
                .contains(0);
        passUntil(List.of(web), pass -> pass.report().stream().anyMatch(o ->
                !o.instance().containerId().equals(first) && o.instance().state() == ActualInstance.State.UP));

        assertThat(docker.list(Labels.AGENT + "=" + agent)).noneMatch(c -> c.id().equals(first) && c.running());
        assertThat(platformLines).anyMatch(l -> l.startsWith("heroku[web.1]: Process crashed: health check failed: "
                + "liveness GET /health returned 404 (2 attempts)"));
    }

    @Test
    void a_restarted_agent_adopts_a_process_that_passed_its_checks_as_up_without_checking_it_anew() throws Exception {
        // a check that passes but only after a long delay: the adopted process must not wait for it
        var web = web(1, new HealthCheck(HealthCheck.Phase.READINESS, null, "/health", "ok", null, false, 3,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
        passUntil(List.of(web), upIn(1));
        var delayed = new DesiredInstance(web.key(), 1, IMAGE, WEB, Map.of(), "standard-1X", false, 0,
                List.of(new HealthCheck(HealthCheck.Phase.READINESS, null, "/health", "ok", null, false, 3,
                        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(600))));

        try (var restarted = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5))) {
            var pass = restarted.pass(List.of(delayed));

            assertThat(pass.done()).isEmpty();
            assertThat(pass.report()).singleElement().extracting(o -> o.instance().state())
                    .isEqualTo(ActualInstance.State.UP);
        }
    }

    private Predicate<Converger.Pass> upIn(int count) {
        return pass -> pass.report().stream().filter(o -> o.instance().state() == ActualInstance.State.UP).count()
                == count;
    }

    /** Passes (as the agent's loop does while a process starts) until {@code done}; 60 s at most. */
    private void passUntil(List<DesiredInstance> desired, Predicate<Converger.Pass> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(converger.pass(desired))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not done within 60 s: " + converger.observe());
    }

    private static DesiredInstance web(int release, HealthCheck check) {
        return new DesiredInstance(new InstanceKey("shop", "web", 1), release, IMAGE, WEB, Map.of(), "standard-1X",
                false, 0, List.of(check));
    }

    private static HealthCheck check(HealthCheck.Phase phase, String path, String content, List<String> command,
                                     boolean listening, int attempts) {
        return new HealthCheck(phase, null, path, content, command, listening, attempts, Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ZERO);
    }
}
