package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushes that must be refused, each with a clear reason in the push output, leaving the app as it was. */
class PushFailuresTest extends PushFixture {
    private static final String WEB = "web: exec python3 -m http.server $PORT\n";

    @Test
    void a_branch_other_than_main_or_master_is_refused() throws Exception {
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");

        var push = ws.push(gitUrl(), "main:feature");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("feature: only main or master deploy", "[remote rejected]");
        assertThat(client.builds(app)).isEmpty();
    }

    @Test
    void a_malformed_procfile_fails_the_build_with_its_line_number_and_changes_nothing() throws Exception {
        int releasesBefore = client.releases(app, 100).size();
        var ws = workspace().write("Procfile", "web: python3 -m http.server $PORT\n\nthis line is wrong\n");
        ws.commit("bad procfile");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Procfile line 3 is not 'type: command'", "main -> main (build failed)");
        var build = client.builds(app).getFirst();
        assertThat(build.status()).isEqualTo("failed");
        assertThat(client.buildOutput(app, build.id().toString())).contains("Procfile line 3");
        assertThat(client.releases(app, 100)).hasSize(releasesBefore);
        ws.write("Procfile", WEB).commit("fixed");
        var fixed = ws.push(gitUrl(), "main");
        assertThat(fixed.output()).as("main was not created by the failed push").contains("* [new branch]");
    }

    @Test
    void a_push_while_another_deploy_of_the_app_is_in_flight_is_refused_and_changes_nothing() throws Exception {
        var inFlight = service.createBuild(app, new dev.paas.client.Wire.BuildCreate("abcdef0", null));
        int releasesBefore = client.releases(app, 100).size();
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("This app is being deployed", "[remote rejected]");
        assertThat(client.builds(app)).singleElement().satisfies(b -> assertThat(b.id()).isEqualTo(inFlight.id()));
        assertThat(client.releases(app, 100)).hasSize(releasesBefore);
    }

    @Test
    void an_app_no_buildpack_detects_is_refused_with_what_to_add() throws Exception {
        var ws = workspace().write("README.md", "nothing to run\n");
        ws.commit("docs only");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("No app detected: add a Dockerfile, package.json");
        assertThat(client.builds(app).getFirst().status()).isEqualTo("failed");
    }

    @Test
    void a_commit_without_files_is_refused() throws Exception {
        var ws = workspace();
        ws.commit("empty");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("The pushed commit has no files");
    }

    @Test
    void a_dockerfile_from_an_image_outside_the_base_images_is_refused_before_building() throws Exception {
        var ws = workspace().write("Dockerfile", "FROM paas-test/no-such-image:1\nCMD [\"true\"]\n");
        ws.commit("unreachable base");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("Dockerfile line 1: FROM paas-test/no-such-image:1 is not allowed",
                "base images: paas/stack:bookworm, paas/build:bookworm").doesNotContain("Step 1/");
        assertThat(client.builds(app).getFirst().status()).isEqualTo("failed");
    }

    @Test
    void a_third_party_buildpack_from_buildpack_url_runs_with_the_config_vars_in_env_dir() throws Exception {
        var buildpack = GitWorkspace.init(tmp.resolve("buildpack"), home)
                .executable("bin/detect", "#!/bin/sh\necho Greeter\n")
                .executable("bin/compile", "#!/bin/sh\necho \"-----> Greeting\"\n"
                        + "cp \"$3/GREETING\" \"$1/index.html\"\n")
                .executable("bin/release", "#!/bin/sh\nprintf -- '---\\ndefault_process_types:\\n"
                        + "  web: exec python3 -m http.server $PORT\\n'\n");
        client.updateConfigVars(app, Map.of("BUILDPACK_URL", buildpack.dir().toString(), "GREETING", "hi there"));
        var ws = workspace().write("greeting.txt", "any app\n");
        ws.commit("custom");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Greeter app detected", "-----> Greeting").doesNotContain("hi there");
        var build = client.builds(app).getFirst();
        assertThat(build.buildpack()).isEqualTo("Greeter");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("hi there");
        }
    }

    @Test
    void a_buildpack_that_fails_rejects_the_push() throws Exception {
        var buildpack = GitWorkspace.init(tmp.resolve("buildpack"), home)
                .executable("bin/detect", "#!/bin/sh\necho Broken\n")
                .executable("bin/compile", "#!/bin/sh\necho 'compiler exploded'\nexit 3\n");
        client.updateConfigVars(app, Map.of("BUILDPACK_URL", buildpack.dir().toString()));
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("compiler exploded", "Failed to compile the Broken app");
    }

    @Test
    void a_wrong_token_is_refused_and_another_users_app_is_not_found() throws Exception {
        var ws = workspace().write("Procfile", WEB);
        ws.commit("x");
        GitWorkspace.netrc(home, "127.0.0.1", "not-a-token");

        var wrongToken = ws.push(gitUrl(), "main");

        assertThat(wrongToken.exitCode()).isNotZero();
        assertThat(wrongToken.output()).contains("the API token was refused; run `paas login` again");
        GitWorkspace.netrc(home, "127.0.0.1", platform.user("other@example.com"));
        var otherUser = ws.push(gitUrl(), "main");
        assertThat(otherUser.exitCode()).isNotZero();
        assertThat(otherUser.output()).contains("does not exist or you do not have access to it");
        assertThat(client.builds(app)).isEmpty();
    }

    @Test
    void a_non_fast_forward_push_is_refused_unless_forced() throws Exception {
        var ws = workspace().write("Procfile", WEB);
        ws.commit("one");
        assertThat(ws.push(gitUrl(), "main").exitCode()).isZero();
        ws.git("commit", "-q", "--amend", "-m", "rewritten");

        var plain = ws.push(gitUrl(), "main");
        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.output()).contains("non-fast-forward");

        var forced = ws.push(gitUrl(), "--force", "main");
        assertThat(forced.exitCode()).as(forced.output()).isZero();
        assertThat(forced.output()).contains("Released v");
    }
}
