package dev.paas.agent.container;

import java.util.Map;

/**
 * A container as the engine reports it. {@code hostPort} is where its published port is reachable;
 * {@code ip} is its own address on its app's network, where the process itself answers.
 * {@code oomKilled} says the kernel killed it at its memory limit; {@code error} is the engine's
 * own complaint about it (such as a start that failed after the create), when it has one.
 * {@code finishedAt} is when its process ended, null while it runs or when unknown.
 */
public record Container(String id, String name, Map<String, String> labels, boolean running, Integer exitCode,
                        Integer hostPort, java.time.Instant startedAt, String ip, boolean oomKilled, String error,
                        java.time.Instant finishedAt) {
}
