package dev.paas.agent.converge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A starting web process is seen up as soon as it listens: the converger wakes a pass then, so a deploy does not
 * wait for the busy host's next pass (real engine, a process that listens a second after it starts).
 */
class ListenWakeTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String agent = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore wakes = new Semaphore(0);
    private final Converger converger = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofMinutes(5), ProcessLog.NONE, wakes::release, Duration.ZERO);

    @AfterEach
    void removeContainers() throws Exception {
        converger.close();
        docker.list(Labels.AGENT + "=" + agent).forEach(c -> docker.remove(c.id()));
        docker.networks(Labels.AGENT + "=" + agent).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void a_web_process_that_starts_listening_wakes_a_pass_which_sees_it_up() throws Exception {
        var web = List.of(new DesiredInstance(new InstanceKey("shop", "web", 1), 1, IMAGE,
                List.of("sh", "-c", "sleep 1; exec python3 -m http.server \"$PORT\""), Map.of(), "standard-1X"));

        var first = converger.pass(web);

        assertThat(first.report()).singleElement().satisfies(o ->
                assertThat(o.instance().state()).isEqualTo(ActualInstance.State.STARTING));
        assertThat(wakes.tryAcquire(30, TimeUnit.SECONDS)).as("woken once the process listens").isTrue();
        assertThat(converger.pass(web).report()).singleElement().satisfies(o ->
                assertThat(o.instance().state()).isEqualTo(ActualInstance.State.UP));
    }
}
