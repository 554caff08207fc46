package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real pushes to a real builder, API and runtime agent with a {@code release} process type (Heroku's release
 * phase), and a push whose web process crashes at boot: a release that fails leaves the previous one serving.
 */
class ReleasePhasePushTest extends PushFixture {
    private static final Duration PROMPTLY = Duration.ofSeconds(60);
    private static final String WEB = "web: exec python3 -m http.server $PORT\n";
    private TestAgent agent;

    @BeforeEach
    void startAgent() throws Exception {
        agent = TestAgent.start(platform, tmp.resolve("agent"));
        Await.until("the agent registers", PROMPTLY, () -> agent.output().contains("msg=\"registered\""));
    }

    @AfterEach
    void stopAgent() throws Exception {
        agent.close();
    }

    @Test
    void the_release_command_runs_first_its_output_streams_into_the_push_and_then_the_web_process_starts()
            throws Exception {
        var ws = workspace()
                .write("Procfile", "release: echo migrating schema of $GREETING; sleep 1; echo schema migrated\n" + WEB)
                .write("index.html", "v1 page\n");
        client.updateConfigVars(app, Map.of("GREETING", "the shop"));
        ws.commit("with a release phase");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        String out = push.output();
        assertThat(out).contains("Running release command: echo migrating", "migrating schema of the shop",
                "schema migrated", "Release phase completed", "deployed to paas");
        assertThat(out.indexOf("schema migrated")).isLessThan(out.indexOf("Release phase completed"));
        assertThat(out.indexOf("Release phase completed")).isLessThan(out.indexOf("Waiting for a web process"));
        var release = client.releases(app, 1).getFirst();
        assertThat(release.status()).isEqualTo("succeeded");
        assertThat(release.current()).isTrue();
        assertThat(serve()).isEqualTo("v1 page\n");
        // In the app's log, the release command's output (its own dyno) comes before the web process's first line.
        List<String> log = client.logs(app, 300, null, null).lines().toList();
        int migrated = indexOf(log, "release.", "schema migrated");
        int webFirst = indexOf(log, "[web.1]", "");
        assertThat(migrated).as(String.join("\n", log)).isNotNegative().isLessThan(webFirst);
        assertThat(read(release.outputStreamUrl())).isEqualTo("migrating schema of the shop\nschema migrated\n");

        client.updateConfigVars(app, Map.of("GREETING", "the new shop"));

        var next = client.releases(app, 1).getFirst();
        assertThat(next.version()).isEqualTo(release.version() + 1);
        assertThat(read(next.outputStreamUrl())).contains("migrating schema of the new shop");
        Await.until("the config change's release succeeds", PROMPTLY,
                () -> client.release(app, "v" + next.version()).status().equals("succeeded"));
    }

    @Test
    void a_failing_release_command_fails_the_push_with_its_output_and_the_previous_release_keeps_serving()
            throws Exception {
        var ws = workspace().write("Procfile", WEB).write("index.html", "old page\n");
        ws.commit("serving");
        assertThat(ws.push(gitUrl(), "main").exitCode()).isZero();
        int serving = client.releases(app, 1).getFirst().version();

        ws.write("Procfile", "release: echo cannot reach the database >&2; exit 1\n" + WEB)
                .write("index.html", "new page\n").commit("release command fails");
        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("cannot reach the database",
                "Release phase failed: the release command exited with status 1", "release failed")
                .doesNotContain("Waiting for a web process");
        var failed = client.releases(app, 1).getFirst();
        assertThat(failed.version()).isEqualTo(serving + 1);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.current()).isFalse();
        assertThat(client.release(app, "v" + serving).current()).isTrue();
        assertThat(serve()).isEqualTo("old page\n");
    }

    @Test
    void a_push_whose_web_process_crashes_at_boot_is_abandoned_and_the_previous_release_keeps_serving()
            throws Exception {
        var ws = workspace().write("Procfile", WEB).write("index.html", "old page\n");
        ws.commit("serving");
        assertThat(ws.push(gitUrl(), "main").exitCode()).isZero();
        int serving = client.releases(app, 1).getFirst().version();

        ws.write("Procfile", "web: echo missing DATABASE_URL >&2; exit 3\n").commit("crashes at boot");
        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("web.1 of v" + (serving + 1) + " crashed", "missing DATABASE_URL",
                "Release v" + (serving + 1) + " failed", "v" + serving + " keeps serving", "release failed");
        var abandoned = client.releases(app, 1).getFirst();
        assertThat(abandoned.status()).isEqualTo("failed");
        assertThat(abandoned.statusReason()).contains("crashed");
        assertThat(client.release(app, "v" + serving).current()).isTrue();
        Await.until("the old release serves again", PROMPTLY, () -> {
            try {
                return "old page\n".equals(serve());
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    /** Health checks (app.json) and abandoned deploys together: the push says which check failed. */
    @Test
    void a_push_whose_web_process_fails_its_startup_check_is_abandoned_naming_the_check_and_the_old_release_serves()
            throws Exception {
        var ws = workspace().write("Procfile", WEB).write("index.html", "old page\n");
        ws.commit("serving");
        assertThat(ws.push(gitUrl(), "main").exitCode()).isZero();
        int serving = client.releases(app, 1).getFirst().version();

        ws.write("app.json", "{\"healthchecks\": {\"web\": [{\"type\": \"startup\", \"path\": \"/health\", "
                + "\"attempts\": 2, \"timeout\": 1, \"wait\": 1}]}}").commit("a check the app fails (no /health)");
        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("health check failed: startup GET /health",
                "Release v" + (serving + 1) + " failed", "v" + serving + " keeps serving");
        var abandoned = client.releases(app, 1).getFirst();
        assertThat(abandoned.status()).isEqualTo("failed");
        assertThat(client.release(app, "v" + serving).current()).isTrue();
        Await.until("the old release serves", PROMPTLY, () -> {
            try {
                return "old page\n".equals(serve());
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    private String serve() throws Exception {
        var route = service.routes().routes().stream().filter(r -> r.app().equals(app)).findFirst().orElseThrow();
        Wire.RouteBackend backend = route.backends().getFirst();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + backend.host() + ":"
                        + backend.port() + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String read(String url) {
        var lines = new ArrayList<String>();
        service.streamText(url, lines::add);
        return lines.stream().map(l -> l + "\n").reduce("", String::concat);
    }

    private static int indexOf(List<String> log, String dyno, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(dyno) && log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
