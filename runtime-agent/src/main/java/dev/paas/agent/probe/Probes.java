package dev.paas.agent.probe;

import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.reconcile.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/** Runs one check once against a container: the only part of the health checks that touches the world. */
public final class Probes {
    private static final int MAX_BODY = 1 << 20;
    private final ContainerRuntime runtime;
    private final String user;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    /** @param user the uid:gid command checks run as: the app's own, never root */
    public Probes(ContainerRuntime runtime, String user) {
        this.runtime = runtime;
        this.user = user;
    }

    public Outcome run(HealthCheck check, Target target) {
        if (check.path() != null) {
            return get(check, target);
        }
        if (check.command() != null) {
            return command(check, target);
        }
        return listening(check, target);
    }

    private Outcome get(HealthCheck check, Target target) {
        if (target.hostPort() == null) {
            return Outcome.failed("has no published port");
        }
        var request = HttpRequest.newBuilder(URI.create("http://" + target.host() + ":" + target.hostPort()
                + check.path())).timeout(check.timeout()).GET().build();
        try {
            var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(check.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try (var body = response.body()) {
                if (response.statusCode() < 200 || response.statusCode() >= 400) {
                    return Outcome.failed("returned " + response.statusCode());
                }
                if (check.content() != null
                        && !new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8).contains(check.content())) {
                    return Outcome.failed("returned a body without \"" + check.content() + "\"");
                }
                return Outcome.PASSED;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            return Outcome.failed("timed out after " + check.timeout().toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof HttpTimeoutException
                    ? Outcome.failed("timed out after " + check.timeout().toSeconds() + " s")
                    : Outcome.failed("failed: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
        } catch (IOException e) {
            return Outcome.failed("failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    private Outcome command(HealthCheck check, Target target) {
        try {
            return runtime.exec(target.containerId(), user, check.command(), check.timeout())
                    .map(code -> code == 0 ? Outcome.PASSED : Outcome.failed("exited with status " + code))
                    .orElseGet(() -> Outcome.failed("timed out after " + check.timeout().toSeconds() + " s"));
        } catch (ContainerFailure e) {
            return Outcome.failed("could not run: " + e.reason());
        }
    }

    private static Outcome listening(HealthCheck check, Target target) {
        if (target.ip() == null) {
            return Outcome.failed("has no address");
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.ip(), target.port()), (int) check.timeout().toMillis());
            return Outcome.PASSED;
        } catch (IOException e) {
            return Outcome.failed("is not listening on port " + target.port());
        }
    }
}
