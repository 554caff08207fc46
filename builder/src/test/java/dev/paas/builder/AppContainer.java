package dev.paas.builder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a built image as the runtime agent would (uid 1000, PORT set, /bin/sh -c COMMAND), published on loopback. */
public final class AppContainer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String id;
    private final int port;

    private AppContainer(String id, int port) {
        this.id = id;
        this.port = port;
    }

    static AppContainer run(String image, String command) throws Exception {
        String id = docker("run", "-d", "--user", "1000:1000", "-e", "PORT=5000", "-p", "127.0.0.1::5000",
                image, "/bin/sh", "-c", command).strip();
        String mapping = docker("port", id, "5000/tcp").strip().lines().findFirst().orElseThrow();
        return new AppContainer(id, Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
    }

    /** The body of GET / once the app answers 200, waiting for it to start. */
    String awaitBody(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = "status " + response.statusCode();
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("app did not answer 200 within " + within + " (last: " + last + "); logs:\n"
                + docker("logs", id));
    }

    /** {@code docker ARGS} (the engine's own client); its output, or an exception saying why it failed. */
    public static String docker(String... args) throws Exception {
        var command = new ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        docker("rm", "-f", id);
    }
}
