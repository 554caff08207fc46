package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real pushes to a real builder, API and runtime agent: a push says "deployed" only once the app serves. */
class BootWaitPushTest extends PushFixture {
    private static final Duration PROMPTLY = Duration.ofSeconds(30);
    private TestAgent agent;

    @AfterEach
    void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void right_after_the_push_returns_a_web_process_of_the_new_release_takes_requests() throws Exception {
        startAgent();
        var ws = workspace()
                .write("Procfile", "web: sleep 2; exec python3 -m http.server $PORT\n")
                .write("index.html", "served at once\n");
        ws.commit("slow to boot");

        var push = ws.push(gitUrl(), "main");

        var routes = service.routes().routes().stream().filter(r -> r.app().equals(app)).findFirst().orElseThrow();
        int version = client.releases(app, 1).getFirst().version();
        assertThat(routes.backends()).as(push.output()).isNotEmpty()
                .allSatisfy(b -> assertThat(b.release()).isEqualTo(version));
        var backend = routes.backends().getFirst();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + backend.host()
                        + ":" + backend.port() + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("served at once\n");
        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v" + version, "Waiting for a web process of v" + version,
                "remote:        http://" + app + ".paas.test");
        assertThat(push.output().lines().filter(l -> l.contains("deployed to paas"))).hasSize(1);
    }

    @Test
    void a_push_whose_web_process_crashes_at_boot_says_so_with_its_last_output_and_the_logs_command()
            throws Exception {
        startAgent();
        var ws = workspace().write("Procfile",
                "web: echo booting the shop; echo DATABASE_URL is not set >&2; exit 3\n");
        ws.commit("crashes");

        var push = ws.push(gitUrl(), "main");

        int version = client.releases(app, 1).getFirst().version();
        assertThat(push.exitCode()).as("the release was abandoned: the push fails\n" + push.output()).isNotZero();
        assertThat(push.output()).contains("Released v" + version,
                "remote:  !     web.1 of v" + version + " crashed (state crashed, exit code 3)",
                "Its last output:", "booting the shop", "DATABASE_URL is not set",
                "paas logs --tail -a " + app)
                .doesNotContain("deployed to paas");
        assertThat(client.releases(app, 1).getFirst().status()).isEqualTo("failed");
        assertThat(client.releases(app, 1).getFirst().current()).isFalse();
    }

    @Test
    void a_push_of_an_app_without_a_web_process_type_does_not_wait_for_one() throws Exception {
        var ws = workspace().write("Procfile", "worker: sleep 600\n");
        ws.commit("worker only");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("No web process type: nothing to wait for (worker)", "deployed to paas")
                .doesNotContain("Waiting for a web process");
    }

    @Test
    void a_push_with_no_agent_to_run_it_says_the_web_process_waits_for_room() throws Exception {
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n");
        ws.commit("nowhere to run");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("web.1 of v", "is waiting: no runtime agent is running",
                "paas ps -a " + app).doesNotContain("deployed to paas");
    }

    @Test
    void a_pusher_who_goes_away_during_the_wait_ends_it_promptly() throws Exception {
        startAgent();
        var ws = workspace().write("Procfile", "web: sleep 600\n");
        ws.commit("never boots");
        Path log = tmp.resolve("push.log");
        Process push = ws.startPush(gitUrl(), log, "main");
        Await.until("the push waits for the web process", Duration.ofMinutes(5),
                () -> Await.read(log).contains("Waiting for a web process"));

        push.descendants().forEach(ProcessHandle::destroyForcibly);
        push.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        ws.write("Procfile", "worker: sleep 600\n").commit("worker only");
        long started = System.nanoTime();
        GitWorkspace.Result next = null;
        // A push that connects while the first still holds the app is refused as "pushed to meanwhile": push again.
        for (int attempt = 0; attempt < 5 && (next == null || next.exitCode() != 0); attempt++) {
            next = ws.push(gitUrl(), "main");
        }

        // Had the first push's wait gone on, the next one would queue behind it for the agent's 60 s boot timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(next.output()).contains("No web process type").doesNotContain("Another push");
    }

    private void startAgent() throws Exception {
        agent = TestAgent.start(platform, tmp.resolve("agent"));
        Await.until("the agent registers", PROMPTLY, () -> agent.output().contains("msg=\"registered\""));
    }
}
