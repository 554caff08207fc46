package dev.paas.builder.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Node.js buildpack's lib/facts.py, as installed for build containers, run by the host's python3 (Debian's, as
 * in the build image) on package.json files, with a node that counts its starts and npm's files laid out as Debian's.
 */
class NodeFactsTest {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir
    Path dir;
    private Path facts;
    private Path node;
    private Path npm;
    private Path app;

    @BeforeEach
    void layOut() throws Exception {
        facts = Buildpacks.install(dir.resolve("buildpacks")).resolve("builtin/1-nodejs/lib/facts.py");
        node = dir.resolve("bin/node");
        writeNode("v18.20.4");
        Path npmHome = Files.createDirectories(dir.resolve("share/nodejs/npm/bin"));
        Files.writeString(npmHome.resolve("npm-cli.js"), "");
        Files.writeString(npmHome.resolveSibling("package.json"), "{\"name\":\"npm\",\"version\":\"9.2.0\"}");
        npm = Files.createSymbolicLink(dir.resolve("bin/npm"), npmHome.resolve("npm-cli.js"));
        app = Files.createDirectories(dir.resolve("app"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            no dependencies, server.js    | {"name":"a"}                                                         | true  | no no | "node server.js"
            no dependencies, no server    | {"name":"a"}                                                         | false | no no | ''
            a dependency and a start      | {"dependencies":{"x":"1"},"scripts":{"start":"node app.js"}}         | true  | yes no | "node app.js"
            an empty dependency list      | {"dependencies":{},"devDependencies":[]}                             | false | no no | ''
            a dev dependency              | {"devDependencies":{"x":"1"}}                                        | false | yes no | ''
            workspaces                    | {"workspaces":["a"]}                                                 | false | yes no | ''
            an install-time script        | {"scripts":{"postinstall":"node x.js"}}                              | false | yes no | ''
            an empty install script       | {"scripts":{"prepare":""}}                                           | false | no no | ''
            a build script                | {"scripts":{"build":"tsc","start":"node dist/a.js"}}                 | true  | no yes | "node dist/a.js"
            an empty start, server.js     | {"scripts":{"start":""}}                                             | true  | no no | "node server.js"
            a start that is not text      | {"scripts":{"start":[]}}                                             | false | no no | []
            scripts that are not a map    | {"scripts":"x"}                                                      | false | no no | ''
            package.json not an object    | [1]                                                                  | true  | no no | "node server.js"
            package.json null             | null                                                                 | false | yes no | ''
            package.json not JSON         | {"name":                                                             | true  | yes no | "node server.js"
            a start with quotes and é     | {"scripts":{"start":"node \\"sé rver\\".js"}}                        | false | no no | "node \\"sé rver\\".js"
            """)
    void package_json_is_read_as_npm_reads_it(String name, String packageJson, boolean serverJs, String installBuild,
                                              String start) throws Exception {
        Files.writeString(app.resolve("package.json"), packageJson);
        if (serverJs) {
            Files.writeString(app.resolve("server.js"), "");
        }

        var lines = run(Map.of());

        assertThat(lines).containsExactly("v18.20.4 9.2.0 " + installBuild, start);
    }

    @Test
    void without_package_json_npm_is_asked_to_install_and_server_js_is_the_web_command() throws Exception {
        Files.writeString(app.resolve("server.js"), "");

        assertThat(run(Map.of())).containsExactly("v18.20.4 9.2.0 yes no", "\"node server.js\"");
    }

    @Test
    void a_package_json_nested_too_deep_to_parse_leaves_the_install_to_npm_rather_than_failing() throws Exception {
        Files.writeString(app.resolve("package.json"), "{\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}");

        assertThat(run(Map.of())).containsExactly("v18.20.4 9.2.0 yes no", "");
    }

    @Test
    void nodes_version_is_asked_once_per_node_binary() throws Exception {
        Files.writeString(app.resolve("package.json"), "{}");

        assertThat(run(Map.of()).get(0)).startsWith("v18.20.4 ");
        assertThat(run(Map.of()).get(0)).startsWith("v18.20.4 ");
        assertThat(nodeStarts()).isEqualTo(1);

        writeNode("v20.11.1"); // another build image's node: another size
        assertThat(run(Map.of()).get(0)).startsWith("v20.11.1 ");
        assertThat(nodeStarts()).isEqualTo(2);
    }

    @Test
    void a_damaged_cache_file_is_asked_again_not_believed() throws Exception {
        Files.writeString(app.resolve("package.json"), "{}");
        run(Map.of());
        var kept = Files.readAllLines(dir.resolve("node-version"));
        Files.writeString(dir.resolve("node-version"), kept.get(0) + "\nv1 ; oops\n");

        assertThat(run(Map.of()).get(0)).startsWith("v18.20.4 9.2.0 ");
        assertThat(nodeStarts()).isEqualTo(2);
    }

    @Test
    void the_apps_own_python_files_and_python_variables_are_not_used() throws Exception {
        Files.writeString(app.resolve("package.json"), "{\"scripts\":{\"start\":\"node a.js\"}}");
        Files.writeString(app.resolve("json.py"), "raise SystemExit('the app shadowed json')\n");
        Path lib = Files.createDirectories(dir.resolve("pylib"));
        Files.writeString(lib.resolve("os.py"), "raise SystemExit('PYTHONPATH was used')\n");
        Files.writeString(lib.resolve("json.py"), "raise SystemExit('PYTHONPATH was used')\n");

        var lines = run(Map.of("PYTHONPATH", lib.toString(), "PYTHONSTARTUP", lib.resolve("os.py").toString()));

        assertThat(lines).containsExactly("v18.20.4 9.2.0 no no", "\"node a.js\"");
    }

    @Test
    void npm_without_its_package_json_is_a_dash_and_no_node_is_a_clear_failure() throws Exception {
        Files.delete(dir.resolve("share/nodejs/npm/package.json"));
        assertThat(run(Map.of()).get(0)).isEqualTo("v18.20.4 - yes no");

        var noNode = python(List.of("", npm.toString(), dir.resolve("node-version").toString()), Map.of());
        assertThat(noNode.code()).isEqualTo(1);
        assertThat(noNode.output()).contains("node is not in the build image");
    }

    private List<String> run(Map<String, String> env) throws Exception {
        var result = python(List.of(node.toString(), npm.toString(), dir.resolve("node-version").toString()), env);
        assertThat(result.code()).as(result.output()).isZero();
        return result.output().lines().toList();
    }

    private record Result(int code, String output) {
    }

    private Result python(List<String> args, Map<String, String> env) throws Exception {
        var command = new ArrayList<>(List.of(PYTHON, "-I", "-S", facts.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        var process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    /** A node that says {@code version} and counts its starts in {@code node-starts}. */
    private void writeNode(String version) throws Exception {
        Files.createDirectories(node.getParent());
        Files.writeString(node, "#!/bin/sh\necho x >> '" + dir.resolve("node-starts") + "'\necho " + version + "\n");
        node.toFile().setExecutable(true);
    }

    private long nodeStarts() throws Exception {
        return Files.readAllLines(dir.resolve("node-starts")).size();
    }
}
