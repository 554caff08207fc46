package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Apps whose builds fetch dependencies from package registries, through the build network settings (the host's
 * CA bundle handed in, proxy variables passed on); a second push reuses the app's build cache.
 */
class DependencyBuildsTest extends PushFixture {
    private static final String PACKAGE_JSON = """
            {"name": "hello", "version": "1.0.0", "private": true,
             "dependencies": {"is-number": "7.0.0"},
             "scripts": {"start": "node server.js"}}
            """;
    private static final String SERVER_JS = """
            const http = require("http");
            const isNumber = require("is-number");
            const greeting = "hello from node";
            http.createServer((req, res) => res.end(greeting + " " + isNumber(5)))
                .listen(process.env.PORT);
            """;

    @Test
    void a_node_app_installs_its_dependency_and_a_second_push_uses_the_cache() throws Exception {
        var ws = workspace().write("package.json", PACKAGE_JSON).write("server.js", SERVER_JS);
        ws.commit("node");

        var first = ws.push(gitUrl(), "main");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Node.js app detected", "Installing dependencies with npm install",
                "Released v");
        var build = client.builds(app).getFirst();
        assertThat(build.buildpack()).isEqualTo("Node.js");
        assertThat(build.processTypes()).containsEntry("web", "node server.js");
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("hello from node true");
        }

        ws.write("server.js", SERVER_JS.replace("hello from node", "hello again"));
        ws.commit("one-line change");
        var second = ws.push(gitUrl(), "main");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Restoring cached node_modules").doesNotContain("npm install");
        var rebuilt = client.builds(app).getFirst();
        assertThat(rebuilt.id()).isNotEqualTo(build.id());
        try (var running = AppContainer.run(rebuilt.image(), rebuilt.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("hello again true");
        }
    }

    @Test
    void a_maven_app_builds_a_runnable_jar_and_keeps_its_repository_in_the_cache() throws Exception {
        var ws = workspace().write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>hello</artifactId><version>1.0</version>
                  <properties>
                    <maven.compiler.source>17</maven.compiler.source><maven.compiler.target>17</maven.compiler.target>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <build><plugins><plugin>
                    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
                    <configuration><archive><manifest><mainClass>hello.Main</mainClass></manifest></archive></configuration>
                  </plugin></plugins></build>
                </project>
                """).write("src/main/java/hello/Main.java", """
                package hello;
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        var server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 0);
                        server.createContext("/", ex -> {
                            byte[] body = "hello from maven".getBytes();
                            ex.sendResponseHeaders(200, body.length);
                            ex.getResponseBody().write(body);
                            ex.close();
                        });
                        server.start();
                    }
                }
                """);
        ws.commit("maven");

        var first = ws.push(gitUrl(), "main");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Java (Maven) app detected", "BUILD SUCCESS", "Built target/hello-1.0.jar")
                .doesNotContain(" 0 artifacts downloaded").containsPattern("[1-9][0-9]* artifacts downloaded");
        var build = client.builds(app).getFirst();
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(60))).isEqualTo("hello from maven");
        }
        // The buildpack's .profile.d/jvm.sh, sourced by the image's launcher before the command.
        assertThat(AppContainer.docker("run", "--rm", "--user", "1000:1000", "-e",
                "DATABASE_URL=postgres://shop:s3cret@db:5432/shop", build.image(), "/bin/sh", "-c",
                "echo \"$JDBC_DATABASE_URL $SPRING_DATASOURCE_PASSWORD\""))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=shop&password=s3cret s3cret\n");

        ws.write("README.md", "one more line\n");
        ws.commit("docs");
        var second = ws.push(gitUrl(), "main");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("BUILD SUCCESS").contains("-----> 0 artifacts downloaded");
    }

    /** PyPI cannot be reached from here, so the requirement is a wheel shipped with the app. */
    @Test
    void a_python_app_gets_its_requirements_in_a_virtualenv_on_the_path() throws Exception {
        var ws = workspace().write("requirements.txt", "# vendored\n./vendor/greet-1.0-py3-none-any.whl\n")
                .write("app.py", """
                        import http.server, os, greet
                        class H(http.server.BaseHTTPRequestHandler):
                            def do_GET(self):
                                self.send_response(200); self.end_headers(); self.wfile.write(greet.hello().encode())
                        http.server.HTTPServer(("", int(os.environ["PORT"])), H).serve_forever()
                        """);
        wheel(ws.dir().resolve("vendor/greet-1.0-py3-none-any.whl"));
        ws.commit("python with requirements");

        var push = ws.push(gitUrl(), "main");

        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Python app detected", "Installing requirements with pip",
                "Successfully installed greet-1.0");
        var build = client.builds(app).getFirst();
        try (var running = AppContainer.run(build.image(), build.processTypes().get("web"))) {
            assertThat(running.awaitBody(Duration.ofSeconds(30))).isEqualTo("hello from a wheel");
        }
    }

    private static void wheel(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        var files = new java.util.LinkedHashMap<String, String>();
        files.put("greet/__init__.py", "def hello():\n    return \"hello from a wheel\"\n");
        files.put("greet-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: greet\nVersion: 1.0\n");
        files.put("greet-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n");
        files.put("greet-1.0.dist-info/RECORD", "greet/__init__.py,,\ngreet-1.0.dist-info/METADATA,,\n"
                + "greet-1.0.dist-info/WHEEL,,\ngreet-1.0.dist-info/RECORD,,\n");
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
