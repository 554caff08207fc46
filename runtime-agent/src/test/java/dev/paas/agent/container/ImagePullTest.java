package dev.paas.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.common.docker.DockerClients;
import dev.paas.common.registry.TestRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A pull is waited for in slices, the agent heartbeating between them. docker-java closes a callback whose timed
 * wait returns, so waiting on it in slices aborted every pull longer than one slice (on a new host, every real
 * one): here a slice of a millisecond makes any pull longer than one.
 */
class ImagePullTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");

    @Test
    void a_pull_longer_than_one_wait_slice_is_waited_for_to_the_end_while_the_heartbeat_runs() throws Exception {
        try (var registry = TestRegistry.start(); var docker = DockerClients.connect(HOST, Duration.ofSeconds(120))) {
            String local = "paas-test/slices:" + UUID.randomUUID().toString().substring(0, 8);
            tinyImage(local);
            String pushed = registry.push(local, "paas-app/slices");
            TestRegistry.docker(List.of("rmi", local), null);
            forget(pushed);
            try {
                var beats = new AtomicInteger();
                var pull = new ImagePull(docker, registry.registry(), Duration.ofSeconds(120), Duration.ofNanos(1));
                pull.whileWaiting(beats::incrementAndGet);

                pull.ensure(pushed);

                assertThat(present(pushed)).as(pushed + " pulled").isTrue();
                assertThat(beats.get()).as("the heartbeat ran while waiting").isPositive();
            } finally {
                forget(pushed);
            }
        }
    }

    /** An image of one small file, made here (nothing is pulled from anywhere). */
    private static void tinyImage(String tag) throws IOException, InterruptedException {
        var dir = java.nio.file.Files.createTempDirectory("tiny-image");
        java.nio.file.Files.writeString(dir.resolve("hello.txt"), "hello " + tag + "\n");
        var made = new ProcessBuilder("sh", "-c", "tar -C \"$0\" -c . | /usr/bin/docker import - \"$1\"",
                dir.toString(), tag).redirectErrorStream(true).start();
        String out = new String(made.getInputStream().readAllBytes());
        assertThat(made.waitFor()).as(out).isZero();
    }

    private static void forget(String image) throws IOException, InterruptedException {
        if (present(image)) {
            TestRegistry.docker(List.of("rmi", image), null);
        }
    }

    private static boolean present(String image) throws IOException, InterruptedException {
        return new ProcessBuilder("/usr/bin/docker", "image", "inspect", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }
}
