package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.TestPlatform;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The engine failing a build (a build container that cannot run its command, a base image it lacks, a build out of
 * memory) fails that push with a clear reason, and the builder goes on serving the next push.
 */
class EngineFailuresTest extends PushFixture {
    /** An image with no shell or files: a build container of it cannot run the build driver. */
    private static final String BROKEN_BUILD_IMAGE = "paas-test-builder/empty-build:1";

    @Override
    protected Map<String, String> builderSettings(TestPlatform platform) {
        try {
            var ctx = java.nio.file.Files.createTempDirectory("empty-image");
            java.nio.file.Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nLABEL purpose=test\n");
            AppContainer.docker("build", "-q", "-t", BROKEN_BUILD_IMAGE, ctx.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("PAAS_BUILD_IMAGE", BROKEN_BUILD_IMAGE, "PAAS_BUILD_MEMORY_MB", "64",
                "PAAS_BUILD_BASE_IMAGES", "paas/stack:bookworm,paas-test-builder/absent:1");
    }

    @AfterAll
    static void removeImage() throws Exception {
        AppContainer.docker("image", "rm", "-f", BROKEN_BUILD_IMAGE);
    }

    @Test
    void engine_failures_fail_the_push_clearly_and_the_next_push_still_builds() throws Exception {
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n")
                .write("requirements.txt", "");
        ws.commit("buildpack app");
        var broken = ws.push(gitUrl(), "main");
        assertThat(broken.exitCode()).isNotZero();
        assertThat(broken.output()).containsAnyOf("could not run in the engine", "Build failed (exit code")
                .doesNotContain("Internal builder error");

        ws.write("Dockerfile", "FROM paas-test-builder/absent:1\n").commit("absent base");
        var absent = ws.push(gitUrl(), "main");
        assertThat(absent.exitCode()).isNotZero();
        assertThat(absent.output()).contains("base image cannot be had");

        ws.write("Dockerfile", "FROM paas/stack:bookworm\nRUN head -c 200000000 /dev/zero | tail > /dev/null\n")
                .commit("hungry");
        var hungry = ws.push(gitUrl(), "main");
        assertThat(hungry.exitCode()).isNotZero();
        assertThat(hungry.output()).contains("docker build failed").doesNotContain("Internal builder error");

        ws.write("Dockerfile", "FROM paas/stack:bookworm\nCMD [\"sleep\", \"1\"]\n").commit("fine");
        var fine = ws.push(gitUrl(), "main");
        assertThat(fine.exitCode()).as(fine.output()).isZero();
        assertThat(fine.output()).contains("Released v2");
        assertThat(client.builds(app)).extracting(b -> b.status())
                .containsExactly("succeeded", "failed", "failed", "failed");
    }
}
