package dev.paas.agent.stats;

import dev.paas.agent.container.ContainerStats;
import java.time.Instant;

/** The last reading of one process, with the load averages carried from reading to reading. */
public record Sample(Tracked process, ContainerStats stats, LoadAverage load, Instant at) {

    public long memoryBytes() {
        return stats.memoryBytes();
    }

    public double cpuPercent() {
        return stats.cpuPercent();
    }
}
