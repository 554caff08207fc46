package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Buildpacks' .profile.d scripts are sourced before each process of a buildpack-built app, in the app's
 * environment; images built from an app's Dockerfile start their command as it is.
 */
class ProfileDPushTest extends PushFixture {
    private static final String GREETING_SH = "export GREETING=\"hello $NAME from profile.d\"\n";
    private TestAgent agent;

    @AfterEach
    void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void a_variable_a_profile_d_script_derives_from_the_apps_config_reaches_its_web_process() throws Exception {
        agent = TestAgent.start(platform, tmp.resolve("agent"));
        Await.until("the agent registers", Duration.ofSeconds(60),
                () -> agent.output().contains("msg=\"registered\""));
        client.updateConfigVars(app, Map.of("NAME", "paas"));
        var ws = workspace()
                .write("Procfile", "web: printf '%s' \"$GREETING\" >index.html; exec python3 -m http.server $PORT\n")
                .write(".profile.d/greeting.sh", GREETING_SH);
        ws.commit("greets");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        // Usually at once; on a loaded machine the agent may miss a heartbeat and the process start a bit later.
        Await.until("a web process takes requests", Duration.ofSeconds(90), () -> !backends().isEmpty());
        var backend = backends().getFirst();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + backend.host()
                + ":" + backend.port() + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello paas from profile.d");
    }

    private List<Wire.RouteBackend> backends() {
        return service.routes().routes().stream().filter(r -> r.app().equals(app)).findFirst()
                .map(Wire.AppRoute::backends).orElse(List.of());
    }

    @Test
    void any_command_of_a_buildpack_image_sees_the_scripts_but_a_dockerfile_images_command_does_not()
            throws Exception {
        var ws = workspace().write("Procfile", "worker: sleep 600\n").write(".profile.d/greeting.sh", GREETING_SH)
                .write(".profile", "export FROM_PROFILE=\"and from .profile\"\n");
        ws.commit("buildpack");
        assertThat(ws.push(gitUrl(), "main").exitCode()).isZero();
        String image = client.builds(app).getFirst().image();

        // As the agent starts every process, workers and one-offs alike: the image's entrypoint, then sh -c.
        assertThat(AppContainer.docker("run", "--rm", "--user", "1000:1000", "-e", "NAME=a one-off", image,
                "/bin/sh", "-c", "echo \"$GREETING $FROM_PROFILE\"")).isEqualTo(
                        "hello a one-off from profile.d and from .profile\n");

        var docker = tenant("docker");
        docker.ws().write("Dockerfile", "FROM paas/stack:bookworm\nCOPY . /app\nCMD [\"sleep\", \"600\"]\n")
                .write(".profile.d/greeting.sh", GREETING_SH).commit("dockerfile");
        assertThat(docker.ws().push(docker.gitUrl(), "main").exitCode()).isZero();
        String dockerImage = docker.client().builds(docker.app()).getFirst().image();
        assertThat(AppContainer.docker("run", "--rm", "-e", "NAME=x", dockerImage, "/bin/sh", "-c",
                "echo \"[${GREETING:-unset}]\"")).isEqualTo("[unset]\n");
    }
}
