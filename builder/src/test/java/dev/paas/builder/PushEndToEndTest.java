package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real git pushes of sample apps to a real builder, API, Postgres and Docker; the built images serve HTTP. */
class PushEndToEndTest extends PushFixture {

    @Test
    void a_procfile_only_app_is_built_released_and_its_image_serves_http() throws Exception {
        var ws = workspace()
                .write("Procfile", "web: exec python3 -m http.server $PORT\n# a comment\n\nworker: sleep 600\n")
                .write("index.html", "hello from procfile\n");
        String sha = ws.commit("first");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("remote: -----> Procfile app detected", "remote: -----> Released v");
        assertThat(push.output()).contains("http://" + app + ".paas.test");
        var build = client.builds(app).getFirst();
        assertThat(build.status()).isEqualTo("succeeded");
        assertThat(build.commit()).isEqualTo(sha);
        assertThat(build.buildpack()).isEqualTo("Procfile");
        assertThat(build.processTypes()).containsEntry("web", "exec python3 -m http.server $PORT")
                .containsEntry("worker", "sleep 600");
        assertThat(client.buildOutput(app, build.id().toString())).contains("Procfile app detected");
        var release = client.releases(app, 1).getFirst();
        assertThat(push.output()).contains("Released v" + release.version());
        assertThat(release.description()).isEqualTo("Deploy " + sha.substring(0, 7));
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).contains("hello from procfile");
        }
        assertThat(AppContainer.docker("image", "inspect", "-f", "{{.Config.User}}", build.image()).strip())
                .isEqualTo("1000:1000");
    }

    @Test
    void a_python_stdlib_app_gets_its_default_web_process() throws Exception {
        var ws = workspace().write("app.py", """
                import http.server, os
                class H(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200); self.end_headers(); self.wfile.write(b"hello from python")
                http.server.HTTPServer(("", int(os.environ["PORT"])), H).serve_forever()
                """);
        ws.commit("py");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Python app detected", "standard library only");
        var build = client.builds(app).getFirst();
        assertThat(build.processTypes()).containsEntry("web", "python3 app.py");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("hello from python");
        }
    }

    @Test
    void a_dockerfile_app_builds_with_its_dockerfile() throws Exception {
        var ws = workspace()
                .write("Dockerfile", """
                        FROM %s
                        COPY site /site
                        WORKDIR /site
                        CMD ["/bin/sh", "-c", "exec python3 -m http.server $PORT"]
                        """.formatted(System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm")))
                .write("site/index.html", "hello from a dockerfile\n");
        ws.commit("docker");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Dockerfile app detected", "Released v");
        var build = client.builds(app).getFirst();
        assertThat(build.buildpack()).isEqualTo("Dockerfile");
        assertThat(build.processTypes()).containsKey("web");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).contains("hello from a dockerfile");
        }
    }

    @Test
    void a_push_larger_than_gits_post_buffer_is_streamed_in_chunks_and_builds() throws Exception {
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n");
        byte[] noise = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        java.nio.file.Files.write(ws.dir().resolve("big.bin"), noise);
        ws.commit("big");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v");
    }

    @Test
    void a_node_app_without_dependencies_is_built_without_starting_npm_and_serves() throws Exception {
        var ws = workspace().write("package.json", """
                        {"name": "plain", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                        """)
                .write("server.js", "require('http').createServer((q, s) => s.end('plain node')).listen(process.env.PORT);\n");
        ws.commit("node");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Node.js app detected", "Using node v", " and npm ",
                "No dependencies in package.json: nothing to install").doesNotContain("npm install", "npm ci");
        var build = client.builds(app).getFirst();
        assertThat(build.processTypes()).containsEntry("web", "node server.js");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("plain node");
        }
    }

    @Test
    void a_node_apps_web_command_is_what_its_files_say_after_its_build_script_ran() throws Exception {
        // No start script and no server.js when the build begins: the build script makes server.js, so the web
        // command bin/compile saw at first (none) no longer holds, and bin/release must find `node server.js`.
        var ws = workspace().write("package.json", """
                        {"name": "built", "version": "1.0.0", "private": true,
                         "scripts": {"build": "cp src/server.js server.js"}}
                        """)
                .write("src/server.js", "require('http').createServer((q, s) => s.end('built node')).listen(process.env.PORT);\n");
        ws.commit("node");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Running npm run build");
        var build = client.builds(app).getFirst();
        assertThat(build.processTypes()).containsEntry("web", "node server.js");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("built node");
        }
    }

    @Test
    void a_node_app_with_an_install_script_still_runs_npm_install() throws Exception {
        var ws = workspace().write("package.json", """
                        {"name": "scripted", "version": "1.0.0", "private": true,
                         "scripts": {"postinstall": "echo postinstall ran > installed.txt"}}
                        """)
                .write("server.js", "require('http').createServer((q, s) => s.end(require('fs').readFileSync("
                        + "'installed.txt'))).listen(process.env.PORT);\n");
        ws.commit("node");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Installing dependencies with npm install")
                .doesNotContain("nothing to install");
        var build = client.builds(app).getFirst();
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("postinstall ran\n");
        }
    }
}
