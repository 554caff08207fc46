package dev.paas.agent.container;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The container engine as the agent needs it; {@link DockerRuntime} is the real one. Operations
 * throw {@link ContainerFailure} when the engine refuses or cannot be reached.
 */
public interface ContainerRuntime {

    /** Creates and starts a container; returns its id. A container that could not start is not left behind. */
    String start(ContainerSpec spec);

    /** SIGTERM, then SIGKILL once {@code grace} has passed. Stopping a stopped container does nothing. */
    void stop(String id, Duration grace);

    void remove(String id);

    /** Every container, running or not, that carries {@code label}. */
    List<Container> list(String label);

    Container inspect(String id);

    /**
     * Runs {@code command} in the running container as {@code user} and returns its exit code; empty
     * when it did not end within {@code timeout} (it is then left to end on its own).
     */
    java.util.Optional<Integer> exec(String id, String user, List<String> command, Duration timeout);

    /** Creates the bridge network {@code name} with {@code labels} unless it exists. */
    void ensureNetwork(String name, Map<String, String> labels);

    /** The names of the networks that carry {@code label}. */
    List<String> networks(String label);

    /** Removes the network; one that is gone already or still in use is left as it is. */
    void removeNetwork(String name);

    /**
     * Follows a container's stdout and stderr from {@code since}, one call of {@code onLine} per
     * line (its timestamp, then its text), until the container's process ends or the follow is closed.
     */
    LogFollow followLogs(String id, java.time.Instant since, java.util.function.BiConsumer<java.time.Instant, String> onLine);

    /**
     * One reading of a running container's resources; empty when the engine cannot say (it stopped,
     * it is gone). It may take the engine a second or two: never call it on the reconcile loop.
     */
    default java.util.Optional<ContainerStats> stats(String id) {
        return java.util.Optional.empty();
    }

    /** A running log follow. */
    interface LogFollow extends AutoCloseable {
        /** Waits until every line up to the process's end was delivered; false on timeout. */
        boolean awaitEnd(java.time.Duration timeout) throws InterruptedException;

        @Override
        void close();
    }
}
