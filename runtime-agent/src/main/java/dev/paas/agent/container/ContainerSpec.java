package dev.paas.agent.container;

import java.util.List;
import java.util.Map;

/**
 * A process to run: image, command, environment and labels, with the limits every app container
 * gets. {@code port}, when set, is published on {@code hostIp} at a port the engine picks.
 * {@code network} is its app's own network: containers of other apps are not on it.
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> env,
                            Map<String, String> labels, int memoryMb, int pids, String user, String hostIp,
                            Integer port, String network) {
}
