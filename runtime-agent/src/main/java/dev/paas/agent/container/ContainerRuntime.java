package dev.paas.agent.container;

import java.time.Duration;
import java.util.List;

/** The container engine as the agent needs it; {@link DockerRuntime} is the real one. */
public interface ContainerRuntime {

    /** Creates and starts a container; returns its id. */
    String start(ContainerSpec spec);

    /** SIGTERM, then SIGKILL once {@code grace} has passed. Stopping a stopped container does nothing. */
    void stop(String id, Duration grace);

    void remove(String id);

    /** Every container, running or not, that carries {@code label}. */
    List<Container> list(String label);

    Container inspect(String id);

    /**
     * Follows a container's stdout and stderr from {@code since}, one call of {@code onLine} per
     * line (its timestamp, then its text), until the container's process ends or the follow is closed.
     */
    LogFollow followLogs(String id, java.time.Instant since, java.util.function.BiConsumer<java.time.Instant, String> onLine);

    /** A running log follow. */
    interface LogFollow extends AutoCloseable {
        /** Waits until every line up to the process's end was delivered; false on timeout. */
        boolean awaitEnd(java.time.Duration timeout) throws InterruptedException;

        @Override
        void close();
    }
}
