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
}
