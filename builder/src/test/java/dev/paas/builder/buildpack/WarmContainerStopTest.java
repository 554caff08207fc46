package dev.paas.builder.buildpack;

import static dev.paas.builder.AppContainer.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.docker.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A builder that stops while its warm container starts: the stop ends the starter's thread (interrupting it) and the
 * engine client right after closing the warm container, so the close waits for the start under way and removes what
 * it made. (It used to leave containers created and never started, a few per test run on the CI host.) Against the
 * real engine.
 */
class WarmContainerStopTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private Path owner;
    private DockerEngine docker;

    @AfterEach
    void removeWhatIsLeft() throws Exception {
        if (owner != null) {
            for (String id : containers()) {
                docker("rm", "-f", id);
            }
        }
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void a_stop_while_the_container_is_created_but_not_yet_started_leaves_no_container() throws Exception {
        owner = Files.createTempDirectory("paas-warm-stop");
        docker = new DockerEngine(HOST, LIMIT, owner.toString());
        Path work = Files.createDirectories(owner.resolve("work"));
        for (int i = 0; i < 3; i++) {
            var starter = Executors.newSingleThreadExecutor();
            var warm = new WarmContainer(docker, work, dir -> new RunSpec("warm", IMAGE, List.of("sleep", "600"),
                    Map.of(), List.of(), "0", "/", 64, LIMIT), starter);
            warm.replenish();
            // Stopped as soon as the engine has the container: its start is under way (or just done).
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (containers().isEmpty() && System.nanoTime() < deadline) {
                // each look asks the engine (tens of ms): the loop is the wait
            }
            assertThat(containers()).as("the warm container was created").isNotEmpty();

            warm.close();
            starter.shutdownNow(); // as the builder's close does next, interrupting a start still under way
            assertThat(starter.awaitTermination(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertThat(containers()).as("containers of the stopped warm container, round %d", i).isEmpty();
            try (var left = Files.list(work)) {
                assertThat(left.toList()).as("its directory").isEmpty();
            }
        }
    }

    private List<String> containers() throws Exception {
        return docker("ps", "-aq", "--filter", "label=dev.paas.builder.owner=" + owner).lines()
                .filter(l -> !l.isBlank()).toList();
    }
}
