package dev.paas.builder;

import dev.paas.api.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real runtime agent, run as its own process from the test class path (as bin/platform runs it), with a name of
 * its own: closing it stops the agent and removes the containers and networks it labeled, and nothing else.
 */
final class TestAgent implements AutoCloseable {
    final String name;
    private final Process process;
    private final Path output;

    private TestAgent(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    static TestAgent start(TestPlatform platform, Path dir) throws Exception {
        String name = "builder-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path output = dir.resolve(name + ".log");
        Files.createDirectories(dir);
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.paas.agent.Main")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        var env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PAAS_"));
        env.put("PAAS_API_URL", platform.baseUrl());
        env.put("PAAS_API_KEY", platform.builderToken());
        env.put("PAAS_AGENT_NAME", name);
        env.put("PAAS_AGENT_ADDRESS", "127.0.0.1");
        env.put("PAAS_AGENT_MEMORY_MB", "2048");
        env.put("PAAS_HEARTBEAT_SECONDS", "1");
        env.put("PAAS_STOP_GRACE_SECONDS", "2");
        env.put("PAAS_DRAIN_SECONDS", "0");
        env.put("PAAS_AGENT_HEALTH_PORT", "0"); // any free port: several agents run side by side in tests
        return new TestAgent(name, pb.start(), output);
    }

    String output() {
        return Await.read(output);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // Agents leave app processes running when they stop (a new agent adopts them): remove ours.
        remove(List.of("ps", "-aq"), List.of("rm", "-f"));
        remove(List.of("network", "ls", "-q"), List.of("network", "rm"));
    }

    private void remove(List<String> list, List<String> rm) throws Exception {
        var args = new ArrayList<>(list);
        args.addAll(List.of("--filter", "label=paas.agent=" + name));
        var ids = AppContainer.docker(args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
        if (!ids.isEmpty()) {
            var command = new ArrayList<>(rm);
            command.addAll(ids);
            AppContainer.docker(command.toArray(String[]::new));
        }
    }
}
