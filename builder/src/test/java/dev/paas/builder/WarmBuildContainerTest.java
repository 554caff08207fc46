package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The builder keeps one build container started ahead of the next build. It holds nothing of any app until a build
 * takes it; the build that takes it runs in it as in a container of its own (its source, commit, cache and config);
 * the next one starts empty; and none outlives its builder, even one stopped while it started.
 */
class WarmBuildContainerTest extends PushFixture {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void a_push_builds_in_the_warm_container_and_the_next_one_holds_nothing_of_that_app() throws Exception {
        String first = awaitWarm(builder().dataDir, null);
        assertThat(emptyDirs(first)).as("a warm container before any build holds nothing").isTrue();

        var ws = workspace()
                .write("package.json", "{\"name\":\"warm\",\"version\":\"1.0.0\",\"scripts\":{"
                        + "\"build\":\"echo ran-in-$(hostname) commit=$SOURCE_VERSION "
                        + "cache=$(ls -m $(dirname $npm_config_cache)) && echo secret > built.txt\","
                        + "\"start\":\"node server.js\"}}\n")
                .write("server.js", "require('http').createServer((q, s) => s.end('hi')).listen(process.env.PORT);\n");
        String sha = ws.commit("first");
        client.updateConfigVars(app, Map.of("WARM_SECRET", "s3cret"));
        var pushed = ws.push(gitUrl(), "main");

        assertThat(pushed.exitCode()).as(pushed.output()).isZero();
        // The container's host name is its id's first 12 characters: the build ran in the warm container.
        assertThat(pushed.output()).contains("ran-in-" + first.substring(0, 12)).contains("commit=" + sha);
        String next = awaitWarm(builder().dataDir, first);
        // removed off the push's path: soon after it, not before it is answered
        Await.until("the used container and its directory removed", LIMIT,
                () -> containers("id=" + first).isEmpty() && warmDirs(builder().dataDir).size() == 1);
        assertThat(emptyDirs(next)).as("the next warm container has none of the last build's source, cache, "
                + "config or answers").isTrue();

        // The app's cache goes into the warm container and comes back out of it.
        Path cache = builder().dataDir.resolve("cache").resolve(client.app(app).id().toString());
        Files.writeString(cache.resolve("left-by-host"), "x");
        ws.write("server.js", "require('http').createServer((q, s) => s.end('v2')).listen(process.env.PORT);\n")
                .commit("second");
        var again = ws.push(gitUrl(), "main");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("ran-in-" + next.substring(0, 12)).containsPattern("cache=.*left-by-host")
                .contains("Released v");
        assertThat(cache.resolve("left-by-host")).exists();
    }

    @Test
    void a_warm_container_that_died_while_waiting_is_not_used_and_the_push_builds_all_the_same() throws Exception {
        String dead = awaitWarm(builder().dataDir, null);
        AppContainer.docker("kill", dead);
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n")
                .write("requirements.txt", "");
        ws.commit("after a dead warm container");

        var pushed = ws.push(gitUrl(), "main");

        assertThat(pushed.exitCode()).as(pushed.output()).isZero();
        assertThat(pushed.output()).contains("Released v");
        Await.until("the dead one removed", LIMIT, () -> containers("id=" + dead).isEmpty());
        awaitWarm(builder().dataDir, dead);
    }

    @Test
    void a_builder_removes_its_warm_container_when_it_stops_and_a_killed_ones_when_it_starts() throws Exception {
        Path data = Files.createTempDirectory("paas-builder-warm");
        var killed = TestBuilder.start(platform, data, Map.of());
        String left = awaitWarm(data, null);
        // A builder started on the same data dir, as after a kill -9 of the first: it removes what that one left.
        var restarted = TestBuilder.start(platform, data, Map.of());
        String own = awaitWarm(data, left);
        Await.until("the killed builder's warm container removed", LIMIT,
                () -> containers("id=" + left).isEmpty());
        assertThat(warmDirs(data)).hasSize(1);

        restarted.close();
        killed.close();
        assertThat(containers("id=" + own)).as("a stopped builder leaves no warm container").isEmpty();
        assertThat(containers("label=dev.paas.builder.owner=" + data)).isEmpty();
    }

    @Test
    void a_builder_stopped_while_its_warm_container_starts_leaves_none_behind() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path data = Files.createTempDirectory("paas-builder-stopped");
            // Stopped at once: the warm container's start, asked for at the builder's start, is under way.
            TestBuilder.start(platform, data, Map.of()).close();

            assertThat(containers("label=dev.paas.builder.owner=" + data)).as("stop %d", i).isEmpty();
            assertThat(warmDirs(data)).as("stop %d", i).isEmpty();
        }
    }

    @Test
    void a_builder_stopped_right_after_a_push_leaves_no_build_container_behind() throws Exception {
        Path data = Files.createTempDirectory("paas-builder-pushed");
        var pushedTo = TestBuilder.start(platform, data, Map.of());
        awaitWarm(data, null);
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n")
                .write("requirements.txt", "");
        ws.commit("then stop");
        var pushed = ws.push(pushedTo.gitUrl(app), "main");
        // The used container's removal runs off the push's path; the stop waits for it, and for the next start.
        pushedTo.close();

        assertThat(pushed.exitCode()).as(pushed.output()).isZero();
        assertThat(containers("label=dev.paas.builder.owner=" + data)).isEmpty();
        assertThat(warmDirs(data)).isEmpty();
    }

    @Test
    void with_warm_containers_off_no_container_waits() throws Exception {
        Path data = Files.createTempDirectory("paas-builder-cold");
        try (var cold = TestBuilder.start(platform, data, Map.of("PAAS_BUILD_WARM_CONTAINER", "false"))) {
            var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n")
                    .write("requirements.txt", "");
            ws.commit("cold");
            var pushed = ws.push(cold.gitUrl(app), "main");
            assertThat(pushed.exitCode()).as(pushed.output()).isZero();
            assertThat(containers("label=dev.paas.builder.owner=" + data)).isEmpty();
            assertThat(warmDirs(data)).isEmpty();
        }
    }

    /** Waits for a running warm container of the builder on {@code data} other than {@code not}; returns its id. */
    private static String awaitWarm(Path data, String not) throws Exception {
        String[] found = new String[1];
        Await.until("a warm build container of " + data, LIMIT, () -> {
            var ids = containers("label=dev.paas.builder.owner=" + data, "label=dev.paas.builder.build=warm",
                    "status=running");
            ids.removeIf(id -> not != null && not.startsWith(id.substring(0, 12)));
            found[0] = ids.isEmpty() ? null : ids.getFirst();
            return found[0] != null;
        });
        return AppContainer.docker("inspect", "-f", "{{.Id}}", found[0]).strip();
    }

    private static boolean emptyDirs(String container) throws Exception {
        return AppContainer.docker("exec", container, "find", "/app", "/cache", "/env", "/out", "-mindepth", "1")
                .isBlank();
    }

    private static java.util.ArrayList<String> containers(String... filters) {
        var args = new java.util.ArrayList<>(List.of("ps", "-aq", "--no-trunc"));
        for (String f : filters) {
            args.add("--filter");
            args.add(f);
        }
        try {
            return new java.util.ArrayList<>(AppContainer.docker(args.toArray(String[]::new)).lines()
                    .filter(l -> !l.isBlank()).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> warmDirs(Path data) {
        Path work = data.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("warm-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
