package dev.paas.agent.addon;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The container engine as add-ons need it; {@link DockerAddons} is the real one. */
public interface AddonRuntime {
    /** This agent's add-on containers. */
    List<AddonContainer> list();

    /** Add-ons of this agent that have a volume (with or without a container). */
    Set<UUID> volumes();

    /** Creates (or keeps) the volume and own network, then creates and starts the container; its id. */
    String create(AddonSpec spec);

    void start(String containerId);

    /** Joins {@code network} (made with {@code labels} when missing) with {@code alias} as its name there. */
    void connect(String containerId, String network, Map<String, String> labels, String alias);

    void disconnect(String containerId, String network);

    /** Removes the container only; its volume (the data) stays. */
    void removeContainer(String containerId);

    /** Removes the container (if any), its own network and its volume: its data. */
    void destroy(UUID addonId, String containerId, String ownNetwork);
}
