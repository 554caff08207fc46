package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A destroyed app's repository and images leave the builder, whether it was running or down at the destroy. */
@ExtendWith(PlatformExtension.class)
class AppCleanupTest {
    private static final Map<String, String> SWEEP_OFTEN = Map.of("PAAS_BUILDER_SWEEP_SECONDS", "1");
    @TempDir
    Path tmp;

    @Test
    void a_destroyed_apps_repository_and_images_are_removed_also_after_the_builder_was_down(TestPlatform platform)
            throws Exception {
        String token = platform.user("owner@example.com");
        var client = new PlatformClient(URI.create(platform.baseUrl()), token);
        Path home = tmp.resolve("home");
        GitWorkspace.netrc(home, "127.0.0.1", token);
        Path data = Files.createTempDirectory("paas-builder-cleanup");
        var first = TestBuilder.start(platform, data, SWEEP_OFTEN);
        var whileDown = deployed(client, first, home, "gone-while-down");
        var whileUp = deployed(client, first, home, "gone-while-up");
        var kept = deployed(client, first, home, "kept");
        first.close();

        client.destroyApp(whileDown.name());
        try (var second = TestBuilder.start(platform, data, SWEEP_OFTEN)) {
            awaitRemoved(data, whileDown);
            client.destroyApp(whileUp.name());
            awaitRemoved(data, whileUp);

            assertThat(data.resolve("repos").resolve(kept.id() + ".git")).isDirectory();
            assertThat(imageExists(kept.image())).isTrue();
        }
    }

    @Test
    void only_this_builders_images_and_build_containers_are_cleaned_up_never_another_builders(TestPlatform platform)
            throws Exception {
        Path data = Files.createTempDirectory("paas-builder-owner");
        String mine = labelledImage(data.toString());
        String theirs = labelledImage("/another/builder");
        String theirContainer = AppContainer.docker("create", "--label", "dev.paas.builder.build=b1", "--label",
                "dev.paas.builder.owner=/another/builder", "paas/stack:bookworm", "true").strip();
        try (var builder = TestBuilder.start(platform, data, SWEEP_OFTEN)) {
            Await.until("the image of an unknown app that this builder made is swept", Duration.ofSeconds(60),
                    () -> !imageExists(mine));

            assertThat(imageExists(theirs)).as("another builder's image of an app unknown here").isTrue();
            assertThat(AppContainer.docker("ps", "-aq", "--no-trunc", "--filter", "id=" + theirContainer))
                    .as("another builder's build container").contains(theirContainer);
        } finally {
            AppContainer.docker("rm", "-f", theirContainer);
            AppContainer.docker("rmi", "-f", theirs);
        }
    }

    /** An image as a builder with that data dir labels one it built, for an app no API here knows. */
    private String labelledImage(String owner) throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx-" + java.util.UUID.randomUUID()));
        Files.writeString(context.resolve("Dockerfile"), "FROM paas/stack:bookworm\nLABEL owner-test=\""
                + owner + "\"\n");
        String tag = "paas-owner-test/" + java.util.UUID.randomUUID() + ":1";
        AppContainer.docker("build", "-q", "--label", "dev.paas.builder.app-id=" + java.util.UUID.randomUUID(),
                "--label", "dev.paas.builder.owner=" + owner, "-t", tag, context.toString());
        return AppContainer.docker("image", "inspect", "-f", "{{.Id}}", tag).strip();
    }

    private record Deployed(String name, String id, String image) {
    }

    private Deployed deployed(PlatformClient client, TestBuilder builder, Path home, String name) throws Exception {
        client.createApp(name);
        var ws = GitWorkspace.init(tmp.resolve(name), home)
                .write("Dockerfile", "FROM paas/stack:bookworm\nRUN echo " + name + " > /name\n");
        ws.commit(name);
        var push = ws.push(builder.gitUrl(name), "main");
        assertThat(push.output()).contains("Released v");
        String image = client.builds(name).getFirst().image();
        assertThat(imageExists(image)).isTrue();
        return new Deployed(name, client.app(name).id().toString(), image);
    }

    private static void awaitRemoved(Path data, Deployed app) throws InterruptedException {
        Await.until(app.name() + "'s repository and image are removed", Duration.ofSeconds(60),
                () -> !Files.exists(data.resolve("repos").resolve(app.id() + ".git")) && !imageExists(app.image()));
    }

    private static boolean imageExists(String image) {
        try {
            AppContainer.docker("image", "inspect", image);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
