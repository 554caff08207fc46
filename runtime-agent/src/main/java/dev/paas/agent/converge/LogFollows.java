package dev.paas.agent.converge;

import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The output of each running container, followed into the app's log; its end wakes a pass. */
final class LogFollows {
    private static final Logger LOG = LoggerFactory.getLogger(LogFollows.class);
    private final ContainerRuntime runtime;
    private final ProcessLog log;
    private final Runnable exited;
    private final Map<String, ContainerRuntime.LogFollow> follows = new ConcurrentHashMap<>();

    LogFollows(ContainerRuntime runtime, ProcessLog log, Runnable exited) {
        this.runtime = runtime;
        this.log = log;
        this.exited = exited;
    }

    boolean following(String containerId) {
        return log == ProcessLog.NONE || follows.containsKey(containerId);
    }

    /** Follows from {@code since}; a follow the engine refuses is tried again on the next pass. */
    void follow(String containerId, InstanceKey key, Instant since) {
        if (log == ProcessLog.NONE || follows.containsKey(containerId)) {
            return;
        }
        ContainerRuntime.LogFollow follow;
        try {
            follow = runtime.followLogs(containerId, since, (time, line) -> log.app(key, time, line));
        } catch (ContainerFailure e) {
            LOG.warn("at=warn msg=\"cannot follow output; retrying on the next pass\" app={} dyno={} error=\"{}\"",
                    key.app(), key.dyno(), e.reason());
            return;
        }
        follows.put(containerId, follow);
        Thread.ofVirtual().name("exit-" + key.dyno()).start(() -> {
            try {
                follow.awaitEnd(Duration.ofDays(3650));
                exited.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Every line the process wrote up to its end reaches the log before its container goes. */
    void drain(String containerId) {
        var follow = follows.remove(containerId);
        if (follow == null) {
            return;
        }
        try {
            follow.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            follow.close();
        }
    }
}
