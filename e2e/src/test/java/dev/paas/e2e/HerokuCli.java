package dev.paas.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code heroku} CLI from the npm registry, installed once per version under
 * {@code ~/.cache/paas-e2e/heroku-cli/VERSION} and reused by later runs, pointed at a platform's API.
 */
final class HerokuCli {
    static final String VERSION = "11.10.0";
    private final Path home;
    private final String apiUrl;
    private final Path entry;

    private HerokuCli(Path entry, Path home, String apiUrl) {
        this.entry = entry;
        this.home = home;
        this.apiUrl = apiUrl;
    }

    /** Installs the CLI unless the cache has it already; {@code home} isolates its config and caches. */
    static HerokuCli install(Path home, String apiUrl) throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "paas-e2e", "heroku-cli", VERSION);
        Path entry = dir.resolve("node_modules/heroku/bin/run.js");
        if (!Files.exists(entry)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), "{\"name\": \"heroku-cli-cache\", \"private\": true}\n");
            Shell.run(dir, Map.of(), Duration.ofMinutes(15), List.of("npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error", "heroku@" + VERSION)).orFail("npm install heroku@" + VERSION);
        }
        Files.createDirectories(home);
        return new HerokuCli(entry, home, apiUrl);
    }

    /** {@code heroku ARGS} as {@code token}'s user, in {@code dir}. */
    Shell.Result run(String token, Path dir, String... args) {
        return Shell.run(dir, env(token), Duration.ofMinutes(3), command(args));
    }

    /**
     * {@code heroku ARGS} that asks a question: once its output shows {@code prompt}, {@code answer} is typed (as
     * keys: a space ticks a checkbox, a newline submits) and standard input is closed.
     */
    Shell.Result runAnswering(String token, Path dir, String prompt, String answer, String... args) throws Exception {
        var builder = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env(token));
        var process = builder.start();
        var output = new StringBuffer();
        var reader = Thread.ofVirtual().start(() -> {
            try (var in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    output.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process was killed; what was read is kept
            }
        });
        try {
            Awaits.until("heroku " + args[0] + " asks '" + prompt + "'", Duration.ofMinutes(2),
                    () -> output.toString().contains(prompt) || !process.isAlive());
            try (var in = process.getOutputStream()) {
                if (process.isAlive()) {
                    in.write(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException ended) {
                // it ended meanwhile: its output says why
            }
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new AssertionError("heroku " + String.join(" ", args) + " did not end:\n" + output);
            }
        } finally {
            process.destroyForcibly();
            reader.join(Duration.ofSeconds(10));
        }
        return new Shell.Result(process.exitValue(), output.toString());
    }

    /** Starts {@code heroku ARGS} in the background, its output going to {@code log}. */
    Process start(String token, Path dir, Path log, String... args) throws IOException {
        var builder = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env(token));
        var process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private List<String> command(String... args) {
        var command = new ArrayList<>(List.of("node", entry.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, String> env(String token) {
        var env = new HashMap<String, String>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("HEROKU_HOST", apiUrl);
        env.put("HEROKU_API_KEY", token);
        // No update checks, no auto-update, no telemetry or analytics, no desktop notifications.
        env.put("HEROKU_SKIP_NEW_VERSION_CHECK", "true");
        env.put("HEROKU_DISABLE_AUTOUPDATE", "1");
        env.put("DISABLE_TELEMETRY", "true");
        env.put("HEROKU_NOTIFICATIONS", "0");
        env.put("NO_COLOR", "1");
        env.put("FORCE_COLOR", "0");
        env.put("COLUMNS", "200");
        return env;
    }
}
