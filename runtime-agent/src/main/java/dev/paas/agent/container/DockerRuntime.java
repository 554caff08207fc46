package dev.paas.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import dev.paas.common.docker.DockerClients;
import dev.paas.common.docker.Hardening;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link ContainerRuntime} on a Docker engine. App containers get the {@link Hardening} every container of
 * untrusted code gets (non-root user, all capabilities dropped, no-new-privileges, memory without swap, pids,
 * capped json-file logs, no volume of the host), each on its app's own bridge network.
 */
public final class DockerRuntime implements ContainerRuntime, AutoCloseable {
    /** A one-shot reading takes the engine one to two seconds; one that takes far longer is skipped. */
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);
    private final DockerClient docker;
    private final String logMaxSize;
    private final int logMaxFiles;
    private final ImagePull pull;

    public DockerRuntime(String dockerHost) {
        this(dockerHost, "10m", 3);
    }

    /**
     * @param logMaxSize  json-file {@code max-size} of each container's log file, such as {@code 10m}
     * @param logMaxFiles json-file {@code max-file}: how many of those files a container keeps
     */
    public DockerRuntime(String dockerHost, String logMaxSize, int logMaxFiles) {
        this(dockerHost, logMaxSize, logMaxFiles, null, Duration.ofSeconds(300));
    }

    /**
     * @param registry    where images named by digest are pulled from when the engine lacks them (null: never)
     * @param pullTimeout the longest a pull may take before that start fails
     */
    public DockerRuntime(String dockerHost, String logMaxSize, int logMaxFiles,
                         dev.paas.common.registry.Registry registry, Duration pullTimeout) {
        this.docker = DockerClients.connect(dockerHost, Duration.ofSeconds(120));
        this.logMaxSize = logMaxSize;
        this.logMaxFiles = logMaxFiles;
        this.pull = new ImagePull(docker, registry, pullTimeout);
    }

    @Override
    public String start(ContainerSpec spec) {
        pull.ensure(spec.image());
        var hardening = Hardening.appProcess(spec.user(), spec.memoryMb(), spec.pids(), spec.network(), logMaxSize,
                logMaxFiles);
        var host = HostConfig.newHostConfig();
        var create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withCmd(spec.command())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(spec.labels());
        if (spec.port() != null) {
            var exposed = ExposedPort.tcp(spec.port());
            host.withPortBindings(new PortBinding(Ports.Binding.bindIp(spec.hostIp()), exposed));
            create.withExposedPorts(exposed);
        }
        String id = engine(() -> hardening.applyTo(create, host).exec().getId(), spec);
        try {
            engine(() -> docker.startContainerCmd(id).exec(), spec);
        } catch (ContainerFailure failed) {
            // A created container that never ran is of no use to anyone; the failure is the news.
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGoneOrEngineDown) {
                // the next pass finds it by its labels, exited, and removes it
            }
            throw failed;
        }
        return id;
    }

    /** {@code task} runs every couple of seconds while a start waits for its image to be pulled. */
    public void whilePulling(Runnable task) {
        pull.whileWaiting(task);
    }

    @Override
    public void stop(String id, Duration grace) {
        act(() -> {
            try {
                docker.stopContainerCmd(id).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
            } catch (NotModifiedException | NotFoundException alreadyStopped) {
                // stopping is idempotent
            }
        });
    }

    @Override
    public void remove(String id) {
        act(() -> {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // removing is idempotent
            }
        });
    }

    @Override
    public List<Container> list(String label) {
        return engine(() -> docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec())
                .stream()
                .flatMap(c -> {
                    try {
                        return java.util.stream.Stream.of(inspect(c.getId()));
                    } catch (ContainerFailure removedMeanwhile) {
                        if (removedMeanwhile.getCause() instanceof NotFoundException) {
                            return java.util.stream.Stream.empty();
                        }
                        throw removedMeanwhile;
                    }
                })
                .toList();
    }

    @Override
    public Container inspect(String id) {
        var info = engine(() -> docker.inspectContainerCmd(id).exec());
        var state = info.getState();
        Integer hostPort = null;
        var settings = info.getNetworkSettings();
        var ports = settings == null ? null : settings.getPorts();
        if (ports != null) {
            hostPort = ports.getBindings().values().stream()
                    .filter(b -> b != null && b.length > 0)
                    .map(b -> Integer.valueOf(b[0].getHostPortSpec()))
                    .findFirst().orElse(null);
        }
        Map<String, String> labels = info.getConfig().getLabels() == null ? Map.of() : info.getConfig().getLabels();
        java.time.Instant startedAt = instant(state.getStartedAt());
        java.time.Instant finishedAt = Boolean.TRUE.equals(state.getRunning()) ? null : instant(state.getFinishedAt());
        return new Container(info.getId(), info.getName().replaceFirst("^/", ""), labels,
                Boolean.TRUE.equals(state.getRunning()),
                state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(), hostPort, startedAt,
                ip(settings), Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError() == null || state.getError().isBlank() ? null : state.getError(), finishedAt);
    }

    @Override
    public java.util.Optional<Integer> exec(String id, String user, List<String> command, Duration timeout) {
        String execId = engine(() -> docker.execCreateCmd(id).withCmd(command.toArray(String[]::new)).withUser(user)
                .withAttachStdout(true).withAttachStderr(true).exec().getId());
        var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>();
        try (callback) {
            act(() -> docker.execStartCmd(execId).exec(callback));
            if (!callback.awaitCompletion(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return java.util.Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (java.io.IOException closing) {
            // the output is not needed: only the exit code counts
        }
        Long code = engine(() -> docker.inspectExecCmd(execId).exec().getExitCodeLong());
        return java.util.Optional.of(code == null ? -1 : code.intValue());
    }

    /** One-shot ({@code stream=false}): the engine reads twice, a second apart, for the CPU rate. */
    @Override
    public java.util.Optional<ContainerStats> stats(String id) {
        var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<Statistics>() {
            private volatile Statistics first;

            @Override
            public void onNext(Statistics statistics) {
                if (first == null) {
                    first = statistics;
                }
            }
        };
        try (callback) {
            docker.statsCmd(id).withNoStream(true).exec(callback);
            if (!callback.awaitCompletion(STATS_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return java.util.Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (RuntimeException | java.io.IOException goneOrEngineDown) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(callback.first).flatMap(DockerRuntime::stats);
    }

    /** Empty for a reading without memory figures: the engine's answer for a container that is not running. */
    private static java.util.Optional<ContainerStats> stats(Statistics s) {
        var memory = s.getMemoryStats();
        if (memory == null || memory.getUsage() == null) {
            return java.util.Optional.empty();
        }
        var m = memory.getStats();
        long cache = m == null ? 0 : first(m.getTotalCache(), m.getCache());
        long rss = m == null ? 0 : first(m.getTotalRss(), m.getRss());
        return java.util.Optional.of(new ContainerStats(memory.getUsage(),
                m == null ? 0 : first(m.getTotalInactiveFile(), m.getInactiveFile()),
                rss > 0 ? rss : Math.max(0, memory.getUsage() - cache), cache,
                m == null ? 0 : first(m.getTotalSwap(), m.getSwap()),
                m == null ? 0 : first(m.getTotalPgpgin(), m.getPgpgin()),
                m == null ? 0 : first(m.getTotalPgpgout(), m.getPgpgout()),
                memory.getLimit() == null ? 0 : memory.getLimit(),
                cpuTotal(s.getCpuStats()), cpuTotal(s.getPreCpuStats()),
                s.getCpuStats() == null ? 0 : first(s.getCpuStats().getSystemCpuUsage()),
                s.getPreCpuStats() == null ? 0 : first(s.getPreCpuStats().getSystemCpuUsage()),
                onlineCpus(s.getCpuStats())));
    }

    private static long cpuTotal(com.github.dockerjava.api.model.CpuStatsConfig cpu) {
        return cpu == null || cpu.getCpuUsage() == null ? 0 : first(cpu.getCpuUsage().getTotalUsage());
    }

    /** The engine's count, or that of the per-CPU figures when an older engine leaves it out. */
    private static int onlineCpus(com.github.dockerjava.api.model.CpuStatsConfig cpu) {
        if (cpu == null) {
            return 0;
        }
        if (cpu.getOnlineCpus() != null && cpu.getOnlineCpus() > 0) {
            return cpu.getOnlineCpus().intValue();
        }
        var perCpu = cpu.getCpuUsage() == null ? null : cpu.getCpuUsage().getPercpuUsage();
        return perCpu == null ? 0 : perCpu.size();
    }

    /** The first figure the engine gave (cgroup v1's hierarchical totals before the group's own), else 0. */
    private static long first(Long... figures) {
        for (Long f : figures) {
            if (f != null) {
                return f;
            }
        }
        return 0;
    }

    /** The engine's time, null when unknown; its "never" is year 1, before any real time. */
    private static java.time.Instant instant(String value) {
        try {
            var at = value == null ? null : java.time.Instant.parse(value);
            return at == null || at.isBefore(java.time.Instant.EPOCH) ? null : at;
        } catch (java.time.format.DateTimeParseException unknown) {
            return null;
        }
    }

    /** Its address on its own network (an app network), or on the default bridge for older containers. */
    private static String ip(com.github.dockerjava.api.model.NetworkSettings settings) {
        if (settings == null) {
            return null;
        }
        if (settings.getNetworks() != null) {
            for (var network : settings.getNetworks().values()) {
                if (network.getIpAddress() != null && !network.getIpAddress().isEmpty()) {
                    return network.getIpAddress();
                }
            }
        }
        return settings.getIpAddress() == null || settings.getIpAddress().isEmpty() ? null : settings.getIpAddress();
    }

    @Override
    public void ensureNetwork(String name, Map<String, String> labels) {
        act(() -> {
            if (docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> name.equals(n.getName()))) {
                return;
            }
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels)
                        .withCheckDuplicate(true).exec();
            } catch (com.github.dockerjava.api.exception.ConflictException createdMeanwhile) {
                // another pass (or agent process) made it first
            }
        });
    }

    @Override
    public List<String> networks(String label) {
        return engine(() -> docker.listNetworksCmd().withFilter("label", List.of(label)).exec().stream()
                .map(com.github.dockerjava.api.model.Network::getName).toList());
    }

    @Override
    public void removeNetwork(String name) {
        act(() -> {
            try {
                docker.removeNetworkCmd(name).exec();
            } catch (NotFoundException alreadyGone) {
                // removing is idempotent
            } catch (com.github.dockerjava.api.exception.ConflictException
                     | com.github.dockerjava.api.exception.InternalServerErrorException stillInUse) {
                // a container joined it meanwhile: it stays, and goes when its app's last container does
            } catch (com.github.dockerjava.api.exception.DockerException e) {
                // 403 "has active endpoints": an add-on attached to the app is on it (or a container
                // joined meanwhile); it stays, and goes once they have left
                if (e.getHttpStatus() != 403) {
                    throw e;
                }
            }
        });
    }

    @Override
    public LogFollow followLogs(String id, java.time.Instant since,
                                java.util.function.BiConsumer<java.time.Instant, String> onLine) {
        var callback = new DockerLogFollow(onLine);
        act(() -> docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withSince((int) since.getEpochSecond()).exec(callback));
        return callback;
    }

    private static <T> T engine(Supplier<T> call) {
        return engine(call, null);
    }

    private static void act(Runnable call) {
        engine(() -> {
            call.run();
            return null;
        }, null);
    }

    private static <T> T engine(Supplier<T> call, ContainerSpec spec) {
        try {
            return call.get();
        } catch (ContainerFailure already) {
            throw already;
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e, spec);
        }
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
