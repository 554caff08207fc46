package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.cli.CliConfig;
import dev.paas.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's path: paas login, paas apps:create (adds the "paas" remote), git push paas main, paas builds. */
class CliPushTest extends PushFixture {

    @Test
    void a_user_logs_in_creates_an_app_pushes_to_the_paas_remote_and_reads_the_build_history() throws Exception {
        Path cliHome = java.nio.file.Files.createDirectories(tmp.resolve("cli-home"));
        var ws = GitWorkspace.init(tmp.resolve("myapp"), cliHome)
                .write("Procfile", "web: exec python3 -m http.server $PORT\n");
        ws.commit("first");
        var login = paas(cliHome, ws.dir(), "login", "--token", token);
        assertThat(login.code()).as(login.err()).isZero();
        String name = app + "-cli";

        var created = paas(cliHome, ws.dir(), "apps:create", name);
        assertThat(created.code()).as(created.err()).isZero();
        String remote = ws.git("remote", "get-url", "paas").output().strip();
        assertThat(remote).isEqualTo(client.app(name).gitUrl());
        // the test platform's git URL names the default port; this run's builder listens elsewhere
        ws.git("remote", "set-url", "paas", builder().gitUrl(name));
        var push = ws.git("push", "paas", "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v");
        var build = client.builds(name).getFirst();
        var builds = paas(cliHome, ws.dir(), "builds");
        assertThat(builds.out()).contains(build.id().toString(), "succeeded");
        var info = paas(cliHome, ws.dir(), "builds:info", build.id().toString());
        assertThat(info.out()).contains("Procfile", build.image(), "succeeded");
        var output = paas(cliHome, ws.dir(), "builds:output", build.id().toString());
        assertThat(output.out()).contains("Procfile app detected", "Build succeeded");
    }

    private Run paas(Path home, Path dir, String... args) {
        var config = CliConfig.fromEnv(Map.of("PAAS_API_URL", platform.baseUrl(), "HOME", home.toString()), dir);
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(config, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
                args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
