package dev.paas.agent;

import dev.paas.agent.converge.Converger;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop: read the slots placed on this host, converge the containers, report what runs.
 * It runs a pass when woken (a change event) and at least every resync period. When the control
 * plane cannot be reached it changes nothing: what runs keeps running.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private final AgentConfig config;
    private final PlatformClient client;
    private final Converger converger;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private UUID id;

    public Agent(AgentConfig config, PlatformClient client, Converger converger) {
        this.config = config;
        this.client = client;
        this.converger = converger;
    }

    public UUID register() {
        id = client.registerAgent(new Wire.AgentRegistration(config.name(), config.address(), config.memoryMb())).id();
        LOG.info("at=info msg=\"registered\" agent={} id={}", config.name(), id);
        return id;
    }

    /** One pass; returns whether it changed anything (then another pass soon checks health). */
    public boolean syncOnce() {
        List<Wire.AgentInstance> slots;
        try {
            slots = client.agentInstances(id);
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"control plane unreachable; keeping what runs\" error=\"{}\"",
                    unreachable.getMessage());
            return false;
        }
        boolean acted = !converger.converge(slots.stream().map(Agent::desired).toList()).isEmpty();
        // One observation both reported and judged: a process reported as starting is looked at
        // again soon, so its "up" is reported too (not only at the next resync).
        var observed = converger.observe();
        try {
            client.report(id, observed.stream().map(this::report).toList());
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"cannot report instances\" error=\"{}\"", unreachable.getMessage());
        }
        return acted || converger.draining()
                || observed.stream().anyMatch(o -> o.instance().state() == ActualInstance.State.STARTING);
    }

    /** Runs passes until {@link #close()}; a busy host (starting instances) is checked every 250 ms. */
    public void run() throws InterruptedException {
        Thread watcher = Thread.ofVirtual().name("agent-events").start(this::watch);
        try {
            loop();
        } finally {
            watcher.interrupt();
        }
    }

    /**
     * Any change in the control plane wakes a pass; the pass itself re-lists everything, so a
     * missed event costs at most one resync period, never a wrong state.
     */
    private void watch() {
        long last = -1;
        while (running) {
            try {
                last = client.followEvents(last, event -> wake());
            } catch (RuntimeException broken) {
                if (!running) {
                    return;
                }
                LOG.warn("at=warn msg=\"event stream lost; resyncing on the timer until it is back\" error=\"{}\"",
                        broken.getMessage());
            }
            wake();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A full pass when woken, while busy, or each resync period; a heartbeat in between. */
    private void loop() throws InterruptedException {
        long nextPass = System.nanoTime();
        while (running) {
            boolean busy = false;
            if (System.nanoTime() - nextPass >= 0) {
                busy = syncOnce();
                nextPass = System.nanoTime() + config.resync().toNanos();
            } else {
                heartbeat();
            }
            boolean woken = wake.tryAcquire(busy ? 250 : config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            wake.drainPermits();
            if (woken || busy) {
                nextPass = System.nanoTime();
            }
        }
    }

    private void heartbeat() {
        try {
            client.heartbeat(id);
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"heartbeat failed\" error=\"{}\"", unreachable.getMessage());
        }
    }

    /** Asks for a pass now, e.g. because the control plane announced a change. */
    public void wake() {
        wake.release();
    }

    private static DesiredInstance desired(Wire.AgentInstance slot) {
        // Slots are keyed by the app's id: a name can be reused by a new app after a destroy.
        return new DesiredInstance(new InstanceKey(slot.appId().toString(), slot.type(), slot.index()),
                slot.release(), slot.image(), List.of("/bin/sh", "-c", slot.command()),
                slot.env() == null ? Map.of() : slot.env(), slot.size(), slot.oneOff(), slot.generation());
    }

    private Wire.InstanceReport report(Converger.Observed observed) {
        var a = observed.instance();
        UUID appId = UUID.fromString(a.key().app());
        String state = switch (a.state()) {
            case STARTING -> "starting";
            case UP -> "up";
            case EXITED -> Converger.isOneOff(a.key()) ? "down" : "crashed";
        };
        return new Wire.InstanceReport(a.containerId(), appId, a.key().type(), a.key().index(), a.release(), state,
                observed.hostPort(), a.state() == ActualInstance.State.EXITED ? observed.exitCode() : null);
    }

    @Override
    public void close() {
        running = false;
        wake.release();
    }
}
