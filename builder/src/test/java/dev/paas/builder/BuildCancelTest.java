package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.cli.CliConfig;
import dev.paas.cli.Main;
import dev.paas.api.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One user must not be able to hold every build slot: a build whose client goes away is canceled (running or
 * queued) and never released, one user runs at most their share of the slots, and a user can cancel a build.
 */
class BuildCancelTest extends PushFixture {
    private static final String SLOW = "FROM paas/stack:bookworm\nRUN echo building slowly && sleep 300\n";
    private static final String QUICK = "FROM paas/stack:bookworm\nCMD [\"sleep\", \"1\"]\n";
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @Override
    protected Map<String, String> builderSettings(TestPlatform platform) {
        return Map.of("PAAS_BUILD_CONCURRENCY", "2", "PAAS_BUILD_CONCURRENCY_PER_USER", "1");
    }

    @Test
    void a_push_whose_client_is_killed_mid_build_is_canceled_frees_its_slot_and_is_not_released() throws Exception {
        int releases = client.releases(app, 100).size();
        var ws = workspace().write("Dockerfile", SLOW);
        ws.commit("slow");
        Path log = tmp.resolve("push.log");
        Process push = ws.startPush(gitUrl(), log, "main");
        Await.until("the build runs", PROMPTLY, () -> Await.read(log).contains("building slowly"));

        kill(push);

        Await.until("the build is failed", PROMPTLY, () -> client.builds(app).getFirst().status().equals("failed"));
        String id = client.builds(app).getFirst().id().toString();
        assertThat(client.buildOutput(app, id)).contains("client disconnected: build canceled");
        assertThat(client.releases(app, 100)).hasSize(releases);
        // the user's one slot is free again: their next push builds at once
        ws.write("Dockerfile", QUICK).commit("quick");
        var next = ws.push(gitUrl(), "main");
        assertThat(next.output()).contains("Released v").doesNotContain("Waiting for a build slot");
    }

    @Test
    void a_queued_push_whose_client_goes_away_never_deploys() throws Exception {
        var ws = workspace().write("Dockerfile", SLOW);
        ws.commit("slow");
        Path first = tmp.resolve("first.log");
        Process running = ws.startPush(gitUrl(), first, "main");
        Await.until("the first build runs", PROMPTLY, () -> Await.read(first).contains("building slowly"));
        var same = tenantOfSameUser();
        same.ws().write("Dockerfile", QUICK).commit("quick");
        Path second = tmp.resolve("second.log");
        Process queued = same.ws().startPush(same.gitUrl(), second, "main");
        Await.until("the second push waits for a slot", PROMPTLY,
                () -> Await.read(second).contains("Waiting for a build slot"));

        kill(queued);
        Await.until("the queued build is failed", PROMPTLY,
                () -> client.builds(same.app()).getFirst().status().equals("failed"));
        client.cancelBuild(app, client.builds(app).getFirst().id().toString());

        assertThat(running.waitFor(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the canceled push ends").isTrue();
        assertThat(running.exitValue()).isNotZero();
        assertThat(Await.read(first)).contains("The build was canceled");
        assertThat(client.releases(same.app(), 100)).hasSize(1);
        assertThat(client.releases(app, 100)).hasSize(1);
    }

    @Test
    void one_user_at_their_limit_does_not_stop_another_users_build() throws Exception {
        var ws = workspace().write("Dockerfile", SLOW);
        ws.commit("slow");
        Path log = tmp.resolve("slow.log");
        Process slow = ws.startPush(gitUrl(), log, "main");
        Await.until("the slow build runs", PROMPTLY, () -> Await.read(log).contains("building slowly"));
        var other = tenant("other");
        other.ws().write("Dockerfile", QUICK).commit("quick");

        var push = other.ws().push(other.gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v2").doesNotContain("Waiting for a build slot");
        client.cancelBuild(app, client.builds(app).getFirst().id().toString());
        assertThat(slow.waitFor(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void paas_builds_cancel_stops_the_apps_running_build() throws Exception {
        var ws = workspace().write("Dockerfile", SLOW);
        ws.commit("slow");
        Path log = tmp.resolve("push.log");
        Process push = ws.startPush(gitUrl(), log, "main");
        Await.until("the build runs", PROMPTLY, () -> Await.read(log).contains("building slowly"));

        var out = new StringWriter();
        var err = new StringWriter();
        var config = CliConfig.fromEnv(Map.of("PAAS_API_URL", platform.baseUrl(), "HOME", home.toString(),
                "PAAS_API_KEY", token), tmp);
        int code = Main.run(config, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), "builds:cancel", "-a", app);

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("Canceling build", "done");
        assertThat(push.waitFor(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the push ends promptly").isTrue();
        assertThat(push.exitValue()).isNotZero();
        assertThat(Await.read(log)).contains("The build was canceled", "[remote rejected]");
        assertThat(client.builds(app).getFirst().status()).isEqualTo("failed");
        assertThat(client.releases(app, 100)).hasSize(1);
        var none = Main.run(config, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), "builds:cancel", "-a", app);
        assertThat(none).isEqualTo(1);
        assertThat(err.toString()).contains("No build of " + app + " is in progress");
    }

    /** Kills git and its transport helper (git-remote-http holds the connection), as Ctrl-C would. */
    private static void kill(Process git) throws InterruptedException {
        git.descendants().forEach(ProcessHandle::destroyForcibly);
        git.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** A second app of the same user, pushed from a second working tree. */
    private Tenant tenantOfSameUser() throws Exception {
        String second = app + "-b";
        client.createApp(second);
        return new Tenant(client, second, home, builder().gitUrl(second),
                GitWorkspace.init(tmp.resolve("second-src"), home));
    }
}
