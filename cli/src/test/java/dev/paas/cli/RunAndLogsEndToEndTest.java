package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.Agent;
import dev.paas.agent.AgentConfig;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.logs.LogShipper;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paas run} and {@code paas logs} against a real API, a real runtime agent and real containers. */
class RunAndLogsEndToEndTest {
    private static final String DOCKER = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static CliFixture fixture;
    private static DockerRuntime docker;
    private static Agent agent;
    private static LogShipper shipper;
    private static Thread loop;
    private static final String AGENT_NAME = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path home;
    private String app;

    @BeforeAll
    static void platformAndAgent() throws Exception {
        fixture = new CliFixture();
        docker = new DockerRuntime(DOCKER);
        var admin = fixture.createAdmin("agent-" + AGENT_NAME + "@example.com");
        var client = new PlatformClient(URI.create(fixture.apiUrl()), admin);
        // A resync far beyond the test's waits: the agent must act on change events and exits.
        var config = new AgentConfig(URI.create(fixture.apiUrl()), admin, AGENT_NAME, "127.0.0.1", 4096, DOCKER,
                "1000:1000", Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(1));
        var id = new AtomicReference<UUID>();
        var woken = new AtomicReference<Agent>();
        shipper = new LogShipper(client, id::get);
        agent = new Agent(config, client, new Converger(docker, AGENT_NAME, "127.0.0.1", "1000:1000", config.grace(),
                config.bootTimeout(), config.coolOff(), shipper, () -> woken.get().wake(), config.drain()));
        woken.set(agent);
        id.set(agent.register());
        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        loop.join(Duration.ofSeconds(30));
        shipper.close();
        docker.list("paas.agent=" + AGENT_NAME).forEach(c -> docker.remove(c.id()));
        docker.networks("paas.agent=" + AGENT_NAME).forEach(docker::removeNetwork);
        docker.close();
        fixture.close();
    }

    @BeforeEach
    void loggedInWithADeployedApp() {
        String email = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = fixture.createUser(email);
        assertThat(paas("login", "--token", token).code()).isZero();
        app = "run-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(paas("apps:create", app).code()).isZero();
        assertThat(paas("config:set", "-a", app, "GREETING=hi there").code()).isZero();
        // Builds are recorded by the builder's service (admin) token only.
        var client = new PlatformClient(URI.create(fixture.apiUrl()),
                fixture.createAdmin("builder-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        var pusher = new PlatformClient(URI.create(fixture.apiUrl()), token).account().id();
        var build = client.createBuild(app, new Wire.BuildCreate("0123abc", null, pusher));
        client.updateBuild(app, build.id().toString(), new Wire.BuildUpdate("succeeded", IMAGE, null,
                Map.of("web", "exec python3 -m http.server $PORT"), "ok"));
        client.deploy(app, build.id(), null);
    }

    @Test
    void run_streams_the_output_with_the_release_config_and_exits_with_the_command_status() {
        var result = paas("run", "-a", app, "--", "echo $GREETING from $DYNO; echo to stderr >&2; "
                + "for i in 1 2 3; do echo line $i; done; exit 3");

        assertThat(result.code()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("Running `echo $GREETING from $DYNO;").contains("run.1 (standard-1X)");
        assertThat(result.out().lines().toList()).containsSubsequence("hi there from run.1", "line 1", "line 2",
                "line 3").contains("to stderr");
        var words = paas("run", "-a", app, "--", "python3", "-c", "import os; print(os.environ[\"GREETING\"] + '!')");
        assertThat(words.code()).as(words.err()).isZero();
        assertThat(words.err()).contains("run.2");
        assertThat(words.out().lines()).containsExactly("hi there!");
    }

    @Test
    void run_detached_returns_at_once_and_the_output_lands_in_the_logs() {
        var result = paas("run", "--detach", "-a", app, "--", "echo detached output from $DYNO");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("paas logs -a " + app + " --dyno run.1");
        await("the detached run's output in the log", () -> paas("logs", "-a", app, "--dyno", "run.1").out()
                .contains("heroku[run.1]: Process exited with status 0"));
        var log = paas("logs", "-a", app, "-d", "run.1", "-n", "50").out();
        assertThat(log).contains("app[run.1]: detached output from run.1")
                .contains("heroku[run.1]: State changed from");
        assertThat(paas("logs", "-a", app, "--source", "app", "-d", "run").out())
                .doesNotContain("heroku[").contains("app[run.1]: detached output");
        assertThat(paas("logs", "-a", app, "-n", "1").out().lines()).hasSize(1);
    }

    @Test
    void the_log_shows_the_platform_lines_of_releases_and_scaling() {
        assertThat(paas("ps:scale", "-a", app, "web=0").code()).isZero();

        var log = paas("logs", "-a", app, "--source", "heroku").out();

        assertThat(log).contains("heroku[api]: Set GREETING config vars by user")
                .contains("heroku[api]: Release v3 created by user").contains("heroku[api]: Scaled to web@0:standard-1X")
                .doesNotContain("hi there");
    }

    @Test
    void bad_run_and_logs_arguments_are_refused_with_a_reason() {
        var noCommand = paas("run", "-a", app);
        var badSize = paas("run", "-a", app, "--size", "huge", "--", "true");
        var badNum = paas("logs", "-a", app, "-n", "0");
        var badSource = paas("logs", "-a", app, "--source", "kernel");

        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("COMMAND");
        assertThat(badSize.code()).isEqualTo(1);
        assertThat(badSize.err()).contains("standard-1X");
        assertThat(badNum.code()).isEqualTo(1);
        assertThat(badNum.err()).contains("1 to 1500");
        assertThat(badSource.code()).isEqualTo(1);
        assertThat(badSource.err()).contains("app or heroku");
    }

    @Test
    void a_failed_release_phase_is_marked_in_releases_with_its_reason_and_its_output_is_printed() {
        // Both lines on stdout: a container's stdout and stderr are separate pipes, whose lines the engine
        // does not order against each other.
        deploy(Map.of("web", "exec python3 -m http.server $PORT",
                "release", "echo checking the schema for $GREETING; echo the schema is broken; exit 2"));

        await("v4's release phase fails", () -> paas("releases", "-a", app).out().contains("release command failed"));

        var list = paas("releases", "-a", app).out();
        assertThat(list).contains("Releases - Current: v3").containsPattern("v4 +Deploy 0123abc release command failed");
        var info = paas("releases:info", "-a", app, "v4");
        assertThat(info.out()).contains("failed").contains("the release command exited with status 2");
        var output = paas("releases:output", "-a", app, "v4");
        assertThat(output.code()).as(output.err()).isZero();
        assertThat(output.out().lines()).containsExactly("checking the schema for hi there", "the schema is broken");
        var none = paas("releases:output", "-a", app, "v3");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no release phase output");
        var rollback = paas("rollback", "-a", app, "v4");
        assertThat(rollback.code()).isEqualTo(1);
        assertThat(rollback.err()).contains("it failed").contains("exited with status 2");
    }

    private void deploy(Map<String, String> processTypes) {
        var client = new PlatformClient(URI.create(fixture.apiUrl()),
                fixture.createAdmin("builder-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
        var pusher = client.releases(app, 1).getFirst().user().id();
        var build = client.createBuild(app, new Wire.BuildCreate("0123abc", null, pusher));
        client.updateBuild(app, build.id().toString(), new Wire.BuildUpdate("succeeded", IMAGE, null, processTypes,
                "ok"));
        client.deploy(app, build.id(), null);
    }

    private CliFixture.Result paas(String... args) {
        return fixture.paas(home, home, "", args);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}
