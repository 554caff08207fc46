package dev.paas.agent.probe;

/**
 * Where a container's checks go: HTTP checks to its published port on the agent's address (as
 * routers reach it), the listening check to the process's own address (the engine's port proxy
 * accepts connections even when nothing listens behind it), command checks into the container.
 */
public record Target(String containerId, String host, Integer hostPort, String ip, int port) {
}
