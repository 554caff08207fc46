package dev.paas.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end (bounded in time) and keeps its output, for tests that drive tools. */
final class Shell {
    private Shell() {
    }

    record Result(int code, String output) {
        Result orFail(String what) {
            if (code != 0) {
                throw new AssertionError(what + " failed with exit code " + code + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        try {
            var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            var process = builder.start();
            process.getOutputStream().close();
            var output = new StringBuilder();
            var reader = Thread.ofVirtual().start(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed; what was read is kept
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                reader.join(Duration.ofSeconds(5));
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n" + output);
            }
            reader.join(Duration.ofSeconds(10));
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The repository's root: tests run in their module's directory. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("docker-compose.yml").toFile().exists()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
