package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Cancellation;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.image.AppImage;
import dev.paas.builder.image.BaseImagePolicy;
import dev.paas.common.docker.AgentLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compiled app made into its image in the real engine: the stack plus one layer, as the app runs it. */
class SlugImageTest {
    private static final String STACK = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    @TempDir
    Path tmp;
    private DockerEngine docker;
    private String owner;
    private String image;

    @BeforeEach
    void engine() {
        owner = tmp.resolve("builder-data").toString();
        docker = new DockerEngine(System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"),
                Duration.ofMinutes(2), owner);
    }

    @AfterEach
    void removeImage() throws Exception {
        if (image != null) {
            docker.removeImage(image);
        }
        docker.close();
    }

    @Test
    void the_slug_image_is_the_stack_plus_one_layer_owned_by_the_app_user_and_runs_as_it() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("server.js"), "console.log('hi')\n");
        Files.createDirectories(app.resolve("bin"));
        Files.writeString(app.resolve("bin/run"), "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(app.resolve("bin/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(app.resolve("link"), Path.of("server.js"));
        var appId = UUID.randomUUID();
        var images = new AppImage(docker, STACK, 512, Map.of(), new BaseImagePolicy(List.of(STACK)));

        image = images.fromSlug(new AppImage.Target("slug-app", appId, "build-1", new Cancellation()), app,
                Files.createDirectories(tmp.resolve("scratch")), new BuildLog(line -> { }));

        assertThat(image).startsWith("sha256:");
        assertThat(inspect("{{len .RootFS.Layers}}")).isEqualTo(String.valueOf(
                Integer.parseInt(AppContainer.docker("image", "inspect", "-f", "{{len .RootFS.Layers}}", STACK).strip())
                        + 1));
        assertThat(inspect("{{.Config.User}} {{.Config.WorkingDir}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}"))
                .isEqualTo("1000:1000 /app [\"/usr/local/bin/paas-launch\"] null");
        assertThat(inspect("{{json .Config.Env}}")).contains("\"HOME=/app\"", "\"LANG=C.UTF-8\"");
        assertThat(inspect("{{json .Config.Labels}}")).contains("\"dev.paas.app\":\"slug-app\"",
                "\"dev.paas.build\":\"build-1\"", "\"" + AppImage.APP_ID_LABEL + "\":\"" + appId + "\"",
                "\"" + DockerEngine.OWNER_LABEL + "\":\"" + owner + "\"");
        assertThat(AppContainer.docker("run", "--rm", "--entrypoint", "stat", image, "-c", "%n %u:%g %a",
                "/app", "/app/server.js", "/app/bin/run", "/usr/local/bin/paas-launch").lines().toList())
                .containsExactly("/app 1000:1000 755", "/app/server.js 1000:1000 644", "/app/bin/run 1000:1000 755",
                        "/usr/local/bin/paas-launch 0:0 755");
        assertThat(AppContainer.docker("run", "--rm", "--entrypoint", "readlink", image, "/app/link").strip())
                .isEqualTo("server.js");
        assertThat(AppContainer.docker("run", "--rm", image, "sh", "-c", "id -u; pwd; echo $HOME").lines().toList())
                .containsExactly("1000", "/app", "/app");
        assertThat(AppContainer.docker("ps", "-aq", "--filter", "label=" + DockerEngine.OWNER_LABEL + "=" + owner)
                .strip()).as("no container is left behind").isEmpty();
        assertThat(inspect("{{.Parent}}")).as("loaded as an image archive, not committed from a container").isEmpty();
    }

    @Test
    void an_archive_the_engine_refuses_gives_no_image_so_that_the_builder_commits_instead() throws Exception {
        Path layer = Files.write(tmp.resolve("layer.tar"), new byte[10240]); // an empty tar: two zero blocks
        var config = new dev.paas.builder.docker.ImageConfig("1000:1000", "/app", List.of("HOME=/app"),
                List.of("/usr/local/bin/paas-launch"), Map.of());
        String tag = "refused-" + UUID.randomUUID().toString().substring(0, 8);

        // the layer's digest is not the one the archive claims: the engine refuses the archive
        var loaded = docker.load(STACK, layer, "sha256:" + "0".repeat(64), config, "paas-app/slug-test", tag,
                Files.createDirectories(tmp.resolve("scratch")));

        assertThat(loaded).isEmpty();
        assertThat(docker.imageId("paas-app/slug-test:" + tag)).isEmpty();
    }

    private String inspect(String format) throws Exception {
        return AppContainer.docker("image", "inspect", "-f", format, image).strip();
    }

    @Test
    void a_builder_restart_removes_its_leftover_build_containers_but_not_the_apps_containers_of_its_images()
            throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("server.js"), "console.log('hi')\n");
        var images = new AppImage(docker, STACK, 512, Map.of(), new BaseImagePolicy(List.of(STACK)));
        image = images.fromSlug(new AppImage.Target("kept-app", UUID.randomUUID(), "build-2", new Cancellation()), app,
                Files.createDirectories(tmp.resolve("scratch")), new BuildLog(line -> { }));
        String agentName = "slug-test-" + UUID.randomUUID().toString().substring(0, 8);
        // as an agent runs the app: the image's labels (the builder's owner label among them) plus its own
        String appContainer = AppContainer.docker("create", "--label", AgentLabel.NAME + "=" + agentName,
                "--entrypoint", "sleep", image, "600").strip();
        // as a build killed mid-way leaves one behind: the owner label, no agent's
        String leftover = AppContainer.docker("create", "--label", DockerEngine.OWNER_LABEL + "=" + owner,
                "--entrypoint", "sleep", STACK, "600").strip();
        try {
            assertThat(AppContainer.docker("inspect", "-f", "{{json .Config.Labels}}", appContainer))
                    .as("the app's container inherits the owner label").contains(DockerEngine.OWNER_LABEL);

            int removed = docker.removeLeftoverContainers();

            assertThat(removed).isEqualTo(1);
            assertThat(AppContainer.docker("ps", "-aq", "--no-trunc", "--filter", "id=" + leftover).strip()).isEmpty();
            assertThat(AppContainer.docker("ps", "-aq", "--no-trunc", "--filter", "id=" + appContainer).strip())
                    .isEqualTo(appContainer);
        } finally {
            AppContainer.docker("rm", "-f", appContainer, leftover);
        }
    }
}
