package dev.paas.bench.agent;

import dev.paas.client.ProcessState;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The runtime agent benchmark, against a running platform-api and one agent ({@code bench/run-agent}
 * starts both): time from {@code scale web=10} to all ten up, time from a container crash to its
 * replacement up, and the agent's resident memory with 50 instances running.
 */
public final class AgentBench {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private final AgentBenchConfig config;
    private final PlatformClient api;
    private final String app = "agent-bench-" + UUID.randomUUID().toString().substring(0, 6);
    private final List<String> report = new ArrayList<>();

    private AgentBench(AgentBenchConfig config) {
        this.config = config;
        this.api = new PlatformClient(config.apiUrl(), config.apiKey());
    }

    public static void main(String[] args) throws Exception {
        var bench = new AgentBench(AgentBenchConfig.fromEnv(System.getenv()));
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
        api.createApp(app);
        var build = api.createBuild(app, new Wire.BuildCreate("0000000", null));
        api.updateBuild(app, build.id().toString(), new Wire.BuildUpdate("succeeded", config.image(), null,
                Map.of("web", "exec python3 -m http.server $PORT"), "bench"));
        api.deploy(app, build.id(), "bench");
        say("# runtime agent benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; web = python3 -m http.server on " + config.image());

        var scaleTimes = new ArrayList<Long>();
        for (int round = 1; round <= config.rounds(); round++) {
            scale(0);
            await("no dynos", () -> api.dynos(app).isEmpty());
            long start = System.nanoTime();
            scale(10);
            await("10 web up", () -> up().size() == 10);
            scaleTimes.add(ms(start));
            say("scale web=0 -> 10, all up: round " + round + ": " + scaleTimes.getLast() + " ms");
        }
        var crashTimes = new ArrayList<Long>();
        for (int round = 1; round <= config.rounds(); round++) {
            String dyno = "web." + round; // a different slot each time: a first crash restarts at once
            var victim = up().stream().filter(d -> d.name().equals(dyno)).findFirst().orElseThrow();
            long start = System.nanoTime();
            docker("kill", "--signal", "KILL", victim.id());
            await(dyno + " replaced and up", () -> up().stream()
                    .anyMatch(d -> d.name().equals(dyno) && !d.id().equals(victim.id())));
            crashTimes.add(ms(start));
            say("crash (docker kill -s KILL) -> replacement up: " + dyno + ": " + crashTimes.getLast() + " ms");
        }
        long start = System.nanoTime();
        scale(config.instances());
        await(config.instances() + " web up", () -> up().size() == config.instances());
        long toMany = ms(start);
        var samples = new ArrayList<Long>();
        for (int i = 0; i < 20; i++) {
            samples.add(rssKb());
            Thread.sleep(500);
        }
        say("scale web=10 -> " + config.instances() + ", all up: " + toMany + " ms");
        say("");
        say("summary:");
        say(String.format("  scale web=10, all up:        median %d ms  (rounds: %s)", median(scaleTimes),
                scaleTimes));
        say(String.format("  crash to replacement up:     median %d ms  (rounds: %s)", median(crashTimes),
                crashTimes));
        say(String.format("  agent RSS at %d instances:   %.1f MB max, %.1f MB last of %d samples over 10 s",
                config.instances(), samples.stream().mapToLong(Long::longValue).max().orElseThrow() / 1024.0,
                samples.getLast() / 1024.0, samples.size()));
        Files.createDirectories(config.out().toAbsolutePath().getParent());
        Files.writeString(config.out(), String.join("\n", report) + "\n");
        System.out.println("written to " + config.out());
    }

    private void scale(int quantity) {
        api.scale(app, List.of(new Wire.FormationUpdate("web", quantity, null)));
    }

    private List<Wire.Dyno> up() {
        return api.dynos(app).stream().filter(d -> d.state() == ProcessState.UP).toList();
    }

    private long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(config.agentPid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + config.agentPid());
    }

    private void docker(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(config.docker());
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void cleanUp() {
        try {
            api.destroyApp(app);
        } catch (RuntimeException e) {
            System.err.println("could not destroy " + app + ": " + e.getMessage());
        }
    }

    private void say(String line) {
        System.out.println(line);
        report.add(line);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + LIMIT.toMinutes() + " min: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
