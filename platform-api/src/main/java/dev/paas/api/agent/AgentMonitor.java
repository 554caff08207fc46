package dev.paas.api.agent;

import dev.paas.api.instance.Scheduler;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks agents that stopped heartbeating as lost and places their slots on other agents. */
public final class AgentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMonitor.class);
    private final DSLContext dsl;
    private final AgentRepository agents;
    private final Scheduler scheduler;
    private final AgentHandler placer;
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agent-monitor").daemon().factory());

    public AgentMonitor(DSLContext dsl, AgentRepository agents, Scheduler scheduler,
                        AgentHandler placer, Duration timeout) {
        this.dsl = dsl;
        this.agents = agents;
        this.scheduler = scheduler;
        this.placer = placer;
        this.timeout = timeout;
    }

    public AgentMonitor start() {
        long period = Math.max(1, timeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    void check() {
        try {
            dsl.transaction(cfg -> {
                var tx = cfg.dsl();
                for (var lost : agents.markLost(tx, OffsetDateTime.now().minus(timeout))) {
                    LOG.warn("at=warn msg=\"agent lost: no heartbeat\" agent={} timeout_s={}", lost,
                            timeout.toSeconds());
                    scheduler.release(tx, lost);
                }
            });
            placer.placeWaitingSlots();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"agent check failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
