package dev.paas.agent.addon;

import java.util.Set;
import java.util.UUID;

/**
 * An add-on's container as the engine shows it. {@code health} is the container's own health check's
 * verdict (starting, healthy, unhealthy; null before it has one); {@code networks} the ones it is on.
 */
public record AddonContainer(UUID addonId, String containerId, boolean running, String health, Integer exitCode,
                             Set<String> networks, String healthOutput) {
}
