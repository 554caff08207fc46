package dev.paas.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link ContainerRuntime} on a Docker engine. App containers run unprivileged: a non-root user,
 * all capabilities dropped, no-new-privileges, memory (without swap) and pid limits, and no
 * volume of the host, so never the Docker socket.
 */
public final class DockerRuntime implements ContainerRuntime, AutoCloseable {
    private final DockerClient docker;

    public DockerRuntime(String dockerHost) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(120)).build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    @Override
    public String start(ContainerSpec spec) {
        var host = HostConfig.newHostConfig()
                .withMemory(spec.memoryMb() * 1024L * 1024L)
                .withMemorySwap(spec.memoryMb() * 1024L * 1024L)
                .withPidsLimit((long) spec.pids())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPrivileged(false)
                .withInit(true);
        var create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withCmd(spec.command())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(spec.labels())
                .withUser(spec.user());
        if (spec.port() != null) {
            var exposed = ExposedPort.tcp(spec.port());
            host.withPortBindings(new PortBinding(Ports.Binding.bindIp(spec.hostIp()), exposed));
            create.withExposedPorts(exposed);
        }
        String id = create.withHostConfig(host).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    @Override
    public void stop(String id, Duration grace) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // stopping is idempotent
        }
    }

    @Override
    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removing is idempotent
        }
    }

    @Override
    public List<Container> list(String label) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec().stream()
                .flatMap(c -> {
                    try {
                        return java.util.stream.Stream.of(inspect(c.getId()));
                    } catch (NotFoundException removedMeanwhile) {
                        return java.util.stream.Stream.empty();
                    }
                })
                .toList();
    }

    @Override
    public Container inspect(String id) {
        var info = docker.inspectContainerCmd(id).exec();
        var state = info.getState();
        Integer hostPort = null;
        var ports = info.getNetworkSettings() == null ? null : info.getNetworkSettings().getPorts();
        if (ports != null) {
            hostPort = ports.getBindings().values().stream()
                    .filter(b -> b != null && b.length > 0)
                    .map(b -> Integer.valueOf(b[0].getHostPortSpec()))
                    .findFirst().orElse(null);
        }
        Map<String, String> labels = info.getConfig().getLabels() == null ? Map.of() : info.getConfig().getLabels();
        java.time.Instant startedAt = null;
        try {
            startedAt = state.getStartedAt() == null ? null : java.time.Instant.parse(state.getStartedAt());
        } catch (java.time.format.DateTimeParseException notStarted) {
            // "0001-01-01T00:00:00Z" style values parse; anything else means unknown
        }
        return new Container(info.getId(), info.getName().replaceFirst("^/", ""), labels,
                Boolean.TRUE.equals(state.getRunning()),
                state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(), hostPort, startedAt,
                info.getNetworkSettings() == null || info.getNetworkSettings().getIpAddress() == null
                        || info.getNetworkSettings().getIpAddress().isEmpty()
                        ? null : info.getNetworkSettings().getIpAddress());
    }

    @Override
    public LogFollow followLogs(String id, java.time.Instant since,
                                java.util.function.BiConsumer<java.time.Instant, String> onLine) {
        var callback = new LineCallback(onLine);
        docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withSince((int) since.getEpochSecond()).exec(callback);
        return callback;
    }

    /** Splits Docker's frames into lines; with timestamps on, each line starts with its RFC 3339 time. */
    private static final class LineCallback extends com.github.dockerjava.api.async.ResultCallback.Adapter<
            com.github.dockerjava.api.model.Frame> implements LogFollow {
        private final java.util.function.BiConsumer<java.time.Instant, String> onLine;
        private final java.util.Map<com.github.dockerjava.api.model.StreamType, StringBuilder> partial =
                new java.util.EnumMap<>(com.github.dockerjava.api.model.StreamType.class);
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        LineCallback(java.util.function.BiConsumer<java.time.Instant, String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public void onNext(com.github.dockerjava.api.model.Frame frame) {
            var buffer = partial.computeIfAbsent(frame.getStreamType(), k -> new StringBuilder());
            buffer.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            int newline;
            while ((newline = buffer.indexOf("\n")) >= 0) {
                emit(buffer.substring(0, newline));
                buffer.delete(0, newline + 1);
            }
        }

        private void emit(String raw) {
            int space = raw.indexOf(' ');
            try {
                onLine.accept(java.time.Instant.parse(raw.substring(0, space)), raw.substring(space + 1));
            } catch (RuntimeException noTimestamp) {
                onLine.accept(java.time.Instant.now(), raw);
            }
        }

        @Override
        public void onComplete() {
            partial.values().stream().filter(b -> !b.isEmpty()).forEach(b -> emit(b.toString()));
            partial.clear();
            ended.countDown();
            super.onComplete();
        }

        @Override
        public void onError(Throwable throwable) {
            ended.countDown();
        }

        @Override
        public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (java.io.IOException e) {
                ended.countDown();
            }
            ended.countDown();
        }
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
