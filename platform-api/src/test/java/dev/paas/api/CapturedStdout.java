package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** What the platform logs to stdout while some requests run, their request lines included. */
public final class CapturedStdout {
    private CapturedStdout() {
    }

    /**
     * Runs {@code requests} with stdout captured and returns what was logged, once {@code lines} request
     * lines with {@code path} have come: the request log's own thread logs them just after the responses.
     */
    public static String during(Runnable requests, String path, int lines) {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            requests.run();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(captured, path) < lines && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // not a spin: the log's thread needs the core
            }
        } finally {
            System.setOut(original);
        }
        assertThat(count(captured, path)).as("request lines with path=%s logged while capturing", path)
                .isGreaterThanOrEqualTo(lines);
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static int count(ByteArrayOutputStream captured, String path) {
        return captured.toString(StandardCharsets.UTF_8).split("path=" + path + " ", -1).length - 1;
    }
}
