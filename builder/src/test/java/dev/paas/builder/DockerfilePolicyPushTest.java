package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Builds share the engine that holds every tenant's and the platform's images: a pushed Dockerfile may build only on
 * the configured base images, and the push that tries another is refused naming the line, with nothing released.
 */
class DockerfilePolicyPushTest extends PushFixture {
    private static final String BASE = "paas/stack:bookworm";

    @Test
    void dockerfiles_reaching_another_apps_image_or_a_platform_image_are_refused_and_nothing_is_released()
            throws Exception {
        var victim = tenant("victim");
        victim.ws().write("Dockerfile", "FROM " + BASE + "\nRUN echo secret > /secret\nCMD [\"sleep\", \"1\"]\n")
                .commit("victim");
        assertThat(victim.ws().push(victim.gitUrl(), "main").output()).contains("Released v2");
        String victimImage = victim.client().builds(victim.app()).getFirst().image();
        assertThat(victimImage).matches("sha256:[0-9a-f]{64}");
        String shortId = victimImage.substring("sha256:".length(), "sha256:".length() + 12);
        int releases = client.releases(app, 100).size();

        var ws = workspace();
        String[][] attacks = {
            {"FROM " + victimImage + "\n", "Dockerfile line 1: FROM " + victimImage + " is not allowed"},
            {"FROM " + shortId + "\n", "Dockerfile line 1: FROM " + shortId + " is not allowed"},
            {"FROM paas/platform-api:latest\n", "FROM paas/platform-api:latest is not allowed"},
            {"FROM " + BASE + "\nCOPY --from=" + shortId + " /secret /x\n", "line 2: COPY --from=" + shortId},
            {"ARG BASE=" + shortId + "\nFROM $BASE\n", "line 2: FROM $BASE is not allowed"},
            {"FROM " + BASE + "\nONBUILD COPY --from=" + shortId + " /secret /x\n", "line 2: COPY --from="},
            {"# escape=`\nfrom `\n  " + shortId + "\n", "line 2: FROM " + shortId},
        };
        for (String[] attack : attacks) {
            ws.write("Dockerfile", attack[0]).commit("attack");

            var push = ws.push(gitUrl(), "main");

            assertThat(push.exitCode()).as(attack[0]).isNotZero();
            assertThat(push.output()).contains("remote:", attack[1], "platform's base images: " + BASE);
        }
        assertThat(client.releases(app, 100)).hasSize(releases);
        assertThat(client.builds(app)).allSatisfy(b -> assertThat(b.status()).isEqualTo("failed"));
    }

    @Test
    void a_multi_stage_dockerfile_on_an_allowed_base_builds_and_releases_the_image_by_its_id() throws Exception {
        var ws = workspace().write("Dockerfile", "# a comment\nFROM " + BASE + " AS build\n"
                + "RUN echo built > /tmp/out\nfrom scratch AS empty\nFROM \\\n  " + BASE + "\n"
                + "COPY --from=build /tmp/out /app/out\nCOPY --from=0 /tmp/out /app/again\n"
                + "CMD [\"cat\", \"/app/out\"]\n");
        ws.commit("multi-stage");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v");
        var build = client.builds(app).getFirst();
        assertThat(build.image()).matches("sha256:[0-9a-f]{64}");
        assertThat(client.releases(app, 1).getFirst().image()).isEqualTo(build.image());
        assertThat(build.user().email()).isEqualTo("dev@example.com");
        assertThat(AppContainer.docker("image", "inspect", "-f", "{{index .Config.Labels \"dev.paas.builder.app-id\"}}",
                build.image()).strip()).isEqualTo(client.app(app).id().toString());
    }
}
