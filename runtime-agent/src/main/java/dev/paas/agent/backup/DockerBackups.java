package dev.paas.agent.backup;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.paas.common.docker.DockerClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * pg_dump and pg_restore run by {@code docker exec} in the add-on's own container, as its server's
 * user, over TCP to 127.0.0.1 with the add-on's credentials: the tools match the server's version and
 * the bytes cross no network but the engine's socket.
 */
public final class DockerBackups implements BackupRuntime, AutoCloseable {
    private static final int MAX_ERROR_BYTES = 4096;
    private final DockerClient docker;
    private final String agent;

    /** @param longestJob the longest a dump or restore may take (the engine's answer to it is one call) */
    public DockerBackups(String dockerHost, String agent, Duration longestJob) {
        this.docker = DockerClients.connect(dockerHost, longestJob);
        this.agent = agent;
    }

    @Override
    public void dump(UUID addonId, String user, String password, OutputStream out) {
        run(addonId, password, List.of("pg_dump", "--format=custom", "--no-password", "-h", "127.0.0.1", "-U", user,
                "-d", user), null, out, "pg_dump");
    }

    @Override
    public void restore(UUID addonId, String user, String password, InputStream dump) {
        run(addonId, password, List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
                "--single-transaction", "--exit-on-error", "--no-password", "-h", "127.0.0.1", "-U", user, "-d", user),
                dump, OutputStream.nullOutputStream(), "pg_restore");
    }

    private void run(UUID addonId, String password, List<String> command, InputStream stdin, OutputStream stdout,
                     String tool) {
        String container = container(addonId);
        var exec = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withEnv(List.of("PGPASSWORD=" + password)).withAttachStdin(stdin != null).withAttachStdout(true)
                .withAttachStderr(true).exec();
        var stderr = new ByteArrayOutputStream();
        var failure = new IOException[1];
        var start = docker.execStartCmd(exec.getId());
        if (stdin != null) {
            start.withStdIn(stdin);
        }
        try {
            start.exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        try {
                            stdout.write(frame.getPayload());
                        } catch (IOException e) {
                            failure[0] = e;
                            throw new UncheckedIOException(e);
                        }
                    } else if (stderr.size() < MAX_ERROR_BYTES) {
                        stderr.writeBytes(frame.getPayload());
                    }
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(tool + " was interrupted", e);
        }
        if (failure[0] != null) {
            throw new UncheckedIOException(tool + "'s output could not be passed on: " + failure[0].getMessage(),
                    failure[0]);
        }
        Long exit = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        if (exit == null || exit != 0) {
            String words = stderr.toString(StandardCharsets.UTF_8).strip();
            throw new IllegalStateException(tool + " exited with " + exit + (words.isEmpty() ? "" : ": " + words));
        }
    }

    private String container(UUID addonId) {
        return docker.listContainersCmd().withLabelFilter(Map.of("paas.addon.agent", agent, "paas.addon",
                        addonId.toString())).exec().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the add-on's container is not running on this agent"))
                .getId();
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
