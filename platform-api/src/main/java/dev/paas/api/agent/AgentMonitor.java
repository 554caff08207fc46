package dev.paas.api.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks agents that stopped heartbeating as lost and places their slots on other agents. */
public final class AgentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMonitor.class);
    private final AgentService agents;
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agent-monitor").daemon().factory());

    public AgentMonitor(AgentService agents, Duration timeout) {
        this.agents = agents;
        this.timeout = timeout;
    }

    public AgentMonitor start() {
        long period = Math.max(1, timeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    void check() {
        try {
            agents.releaseLost(timeout);
            agents.placeWaitingSlots();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"agent check failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
