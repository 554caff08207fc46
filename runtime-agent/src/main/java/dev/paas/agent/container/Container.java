package dev.paas.agent.container;

import java.util.Map;

/**
 * A container as the engine reports it. {@code hostPort} is where its published port is reachable;
 * {@code ip} is its own address on the engine's network, where the process itself answers.
 */
public record Container(String id, String name, Map<String, String> labels, boolean running, Integer exitCode,
                        Integer hostPort, java.time.Instant startedAt, String ip) {
}
