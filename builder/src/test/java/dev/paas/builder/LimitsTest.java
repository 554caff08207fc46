package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.TestPlatform;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A builder with tight limits: build time, memory, push size, one build at a time; and its restart. */
class LimitsTest extends PushFixture {
    private static final Map<String, String> LIMITS = Map.of("PAAS_BUILD_TIMEOUT_SECONDS", "5",
            "PAAS_MAX_PUSH_BYTES", "60000", "PAAS_BUILD_CONCURRENCY", "1", "PAAS_BUILD_MEMORY_MB", "128");

    private final java.util.concurrent.ExecutorService background =
            java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Override
    protected Map<String, String> builderSettings(TestPlatform platform) {
        return LIMITS;
    }

    @Test
    void a_build_running_past_the_timeout_is_stopped_and_fails() throws Exception {
        var ws = withBuildpack("sleep 60");
        Instant start = Instant.now();

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Build timed out after 5 seconds");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(40));
        assertThat(client.builds(app).getFirst().status()).isEqualTo("failed");
    }

    @Test
    void a_build_using_more_memory_than_the_limit_fails_saying_so() throws Exception {
        var ws = withBuildpack("python3 -c 'x = bytearray(512 * 1024 * 1024); print(len(x))'");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Build ran out of memory (limit 128 MB)");
    }

    @Test
    void a_push_larger_than_the_limit_is_refused() throws Exception {
        var ws = workspace().write("Procfile", "web: sleep 1\n");
        byte[] noise = new byte[200_000];
        new Random(1).nextBytes(noise);
        Files.write(ws.dir().resolve("big.bin"), noise);
        ws.commit("big");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Pack exceeds the limit of 60,000 bytes");
        assertThat(client.builds(app)).isEmpty();
    }

    @Test
    void with_one_build_slot_a_second_push_waits_its_turn_and_then_builds() throws Exception {
        var first = withBuildpack("sleep 2");
        var otherApp = client.createApp(app + "-b").name();
        var second = GitWorkspace.init(tmp.resolve("second"), home).write("Procfile", "web: sleep 1\n");
        second.commit("second");

        var firstPush = CompletableFuture.supplyAsync(() -> push(first, gitUrl()), background);
        awaitBuildContainer(app);
        var secondPush = push(second, builder().gitUrl(otherApp));

        assertThat(secondPush.exitCode()).as(secondPush.output()).isZero();
        assertThat(secondPush.output()).contains("Waiting for a build slot", "Released v");
        assertThat(firstPush.get().exitCode()).as(firstPush.get().output()).isZero();
    }

    @Test
    void stopping_the_builder_refuses_new_pushes_and_lets_the_build_in_flight_finish() throws Exception {
        var ws = withBuildpack("sleep 3");
        var stopping = TestBuilder.start(platform, Map.of());
        var inFlight = CompletableFuture.supplyAsync(() -> push(ws, stopping.gitUrl(app)), background);
        awaitBuildContainer(app);

        var stopped = CompletableFuture.runAsync(() -> {
            try {
                stopping.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, background);
        awaitDraining(stopping);

        var other = GitWorkspace.init(tmp.resolve("other"), home).write("Procfile", "web: sleep 1\n");
        other.commit("other");
        var refused = push(other, stopping.gitUrl(app));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("The builder is restarting");
        var result = inFlight.get();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Released v");
        stopped.get();
        assertThat(client.builds(app).getFirst().status()).isEqualTo("succeeded");
    }

    @Test
    void a_restarted_builder_fails_the_builds_it_left_pending() throws Exception {
        Wire.Build pending = service.createBuild(app, new Wire.BuildCreate("abc1234", null));
        // what a builder killed mid-build leaves behind: its journal entry
        Files.writeString(builder().dataDir.resolve("pending").resolve(pending.id().toString()), app);

        var settings = new java.util.HashMap<>(LIMITS);
        settings.put("PAAS_API_KEY", platform.admin("builder@example.com"));
        try (var restarted = TestBuilder.start(platform, builder().dataDir, settings)) {
            var build = client.build(app, pending.id().toString());
            assertThat(build.status()).isEqualTo("failed");
            assertThat(client.buildOutput(app, pending.id().toString())).contains("The builder stopped during this build");
            assertThat(builder().dataDir.resolve("pending")).isEmptyDirectory();
        }
    }

    private GitWorkspace withBuildpack(String compile) throws Exception {
        var buildpack = GitWorkspace.init(tmp.resolve("buildpack"), home)
                .executable("bin/detect", "#!/bin/sh\necho Slow\n")
                .executable("bin/compile", "#!/bin/sh\n" + compile + "\n");
        client.updateConfigVars(app, Map.of("BUILDPACK_URL", buildpack.dir().toString()));
        var ws = workspace().write("Procfile", "web: sleep 1\n");
        ws.commit("x");
        return ws;
    }

    private void awaitDraining(TestBuilder stopping) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var auth = "Basic " + java.util.Base64.getEncoder().encodeToString((":" + token).getBytes());
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(stopping.gitUrl(app)
                    + "/info/refs?service=git-receive-pack")).header("Authorization", auth).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("restarting")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the builder did not start draining");
    }

    /** Waits until the app's build runs in its container, so it holds a build slot. */
    private void awaitBuildContainer(String appName) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var builds = client.builds(appName);
            if (!builds.isEmpty() && !AppContainer.docker("ps", "-q", "--filter",
                    "label=dev.paas.builder.build=" + builds.getFirst().id()).isBlank()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no build of " + appName + " started");
    }

    private static GitWorkspace.Result push(GitWorkspace ws, String url) {
        try {
            return ws.push(url, "main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
