package dev.paas.agent;

import dev.paas.agent.addon.AddonSync;
import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.converge.Observed;
import dev.paas.agent.health.AgentHealth;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.HealthCheck;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.agent.stats.Sample;
import dev.paas.agent.stats.StatsSampler;
import dev.paas.agent.stats.Tracked;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop: read the slots placed on this host, converge the containers, report what runs.
 * It runs a pass when woken (a change event) and at least every resync period. When the control
 * plane cannot be reached it changes nothing: what runs keeps running (apps keep serving), while it
 * keeps trying (heartbeats, and the event stream with backoff). The first heartbeat that gets through
 * again wakes a pass at once: slots moved elsewhere meanwhile are stopped first (see Reconciler).
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private final AgentConfig config;
    private final PlatformClient client;
    private final Converger converger;
    private final AddonSync addons;
    private final StatsSampler stats;
    private final Semaphore wake = new Semaphore(0);
    private final AgentHealth health = new AgentHealth();
    private volatile boolean running = true;
    /** The last call to the control plane failed: the next one that succeeds wakes a pass. */
    private volatile boolean cutOff;
    private int engineFailures;
    private volatile UUID id;

    public Agent(AgentConfig config, PlatformClient client, Converger converger) {
        this(config, client, converger, AddonSync.NONE);
    }

    /** {@code addons} runs after each pass over processes: the add-on containers pinned to this agent. */
    public Agent(AgentConfig config, PlatformClient client, Converger converger, AddonSync addons) {
        this(config, client, converger, addons, StatsSampler.NONE);
    }

    /** {@code stats} learns from each pass what runs, and its last readings go out with the reports. */
    public Agent(AgentConfig config, PlatformClient client, Converger converger, AddonSync addons,
                 StatsSampler stats) {
        this.config = config;
        this.client = client;
        this.converger = converger;
        this.addons = addons;
        this.stats = stats;
    }

    public UUID register() {
        id = client.registerAgent(new Wire.AgentRegistration(config.name(), config.address(), config.memoryMb())).id();
        LOG.info("at=info msg=\"registered\" agent={} id={}", config.name(), id);
        health.registered(Instant.now());
        return id;
    }

    /** Registers, waiting for the control plane as long as it takes (until {@link #close()}). */
    public UUID registerWhenReachable() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return register();
            } catch (RuntimeException unreachable) {
                if (!running) {
                    throw new InterruptedException("closed before the control plane was reached");
                }
                health.failing(Instant.now(), unreachable.getMessage());
                LOG.warn("at=warn msg=\"cannot register; retrying\" attempt={} error=\"{}\"", attempt + 1,
                        unreachable.getMessage());
                Thread.sleep(Math.min(config.resync().toMillis(), 500L << Math.min(attempt, 8)));
            }
        }
    }

    /**
     * One pass; returns whether another is due soon (it changed something, a process is starting, an
     * ended one-off waits to be removed, or the engine failed and is retried). Nothing a pass meets
     * ends the agent: every failure is logged, reported where it is a process's, and retried.
     */
    public boolean syncOnce() {
        try {
            boolean due = pass();
            engineFailures = 0;
            return due;
        } catch (RuntimeException e) {
            engineFailures++;
            LOG.warn("at=error msg=\"pass failed; retrying\" attempt={} error=\"{}\"", engineFailures,
                    e instanceof ContainerFailure f ? f.reason() : e.toString());
            return true;
        }
    }

    private boolean pass() {
        List<Wire.AgentInstance> slots;
        try {
            slots = client.agentInstances(id);
        } catch (ApiException forgotten) {
            if (forgotten.status() == 404) {
                // The control plane lost this agent (a restored database): announce it again.
                LOG.warn("at=warn msg=\"control plane does not know this agent; registering again\"");
                register();
                return true;
            }
            LOG.warn("at=warn msg=\"control plane refused; keeping what runs\" error=\"{}\"", forgotten.getMessage());
            health.failing(Instant.now(), forgotten.getMessage());
            return false;
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"control plane unreachable; keeping what runs\" error=\"{}\"",
                    unreachable.getMessage());
            health.failing(Instant.now(), unreachable.getMessage());
            cutOff = true;
            return false;
        }
        cutOff = false;
        // Add-ons first: one attached since the last pass joins (or makes) the app's network before the
        // app's processes of this pass start on it, so a `run` right after `addons:attach` reaches it.
        boolean addonsStarting = addons.sync(id);
        var pass = converger.pass(slots.stream().flatMap(s -> desired(s).stream()).toList());
        stats.track(Tracked.running(slots, pass.report()));
        // One observation both judged and reported: a process reported as starting is looked at
        // again soon, so its "up" is reported too (not only at the next resync).
        try {
            client.report(id, pass.report().stream().flatMap(o -> report(o).stream()).toList());
            converger.reported(java.time.Instant.now());
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"cannot report instances\" error=\"{}\"", unreachable.getMessage());
        }
        health.passed(Instant.now());
        // An ended one-off, once reported, leaves the desired list: the next pass removes its container.
        // A draining process needs no hurry: the pass that stops it is due at its drain's end (retryAt).
        return addonsStarting || !pass.done().isEmpty() || pass.report().stream().anyMatch(o ->
                o.instance().state() == ActualInstance.State.STARTING
                        || (o.instance().state() == ActualInstance.State.EXITED && o.instance().key().oneOff()));
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
        int failures = 0;
        while (running) {
            long opened = System.nanoTime();
            try {
                // a pass once the stream is open: what changed before it opened is listed then
                last = client.followEvents(last, this::wake, event -> wake());
            } catch (RuntimeException broken) {
                if (!running) {
                    return;
                }
                LOG.warn("at=warn msg=\"event stream lost; resyncing on the timer until it is back\" error=\"{}\"",
                        broken.getMessage());
            }
            wake();
            // A stream that stayed open a while was fine: back off only while it keeps failing at once.
            failures = System.nanoTime() - opened > 10_000_000_000L ? 0 : failures + 1;
            try {
                Thread.sleep(Math.min(config.heartbeat().toMillis() * 2, 500L << Math.min(failures, 6)));
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
                long resync = config.resync().toNanos();
                long retry = converger.retryAt().map(at -> Duration.between(java.time.Instant.now(), at).toNanos())
                        .orElse(resync);
                nextPass = System.nanoTime() + Math.max(0, Math.min(resync, retry));
            } else {
                heartbeat();
            }
            // Never past a pass that is due (a cool-off or a drain ends) for the sake of the heartbeat's rhythm.
            long untilPass = Math.max(0, (nextPass - System.nanoTime() + 999_999) / 1_000_000);
            boolean woken = wake.tryAcquire(busy ? retryDelay().toMillis()
                    : Math.min(config.heartbeat().toMillis(), untilPass), TimeUnit.MILLISECONDS);
            wake.drainPermits();
            if (woken || busy) {
                nextPass = System.nanoTime();
            }
        }
    }

    /** 250 ms while busy; after failed passes 0.5 s, 1 s, 2 s ... up to the resync period. */
    private Duration retryDelay() {
        if (engineFailures == 0) {
            return Duration.ofMillis(250);
        }
        var delay = Duration.ofMillis(250L << Math.min(engineFailures, 10));
        return delay.compareTo(config.resync()) > 0 ? config.resync() : delay;
    }

    /** A heartbeat from a step of the loop that takes long (an image pull), when registered. */
    public void keepAlive() {
        if (id != null) {
            heartbeat();
        }
    }

    private void heartbeat() {
        try {
            client.heartbeat(id);
            if (cutOff) {
                LOG.info("at=info msg=\"control plane reachable again; converging\"");
                cutOff = false;
                wake();
            }
        } catch (ApiException refused) {
            LOG.warn("at=warn msg=\"heartbeat refused\" error=\"{}\"", refused.getMessage());
        } catch (RuntimeException unreachable) {
            cutOff = true;
            LOG.warn("at=warn msg=\"heartbeat failed\" error=\"{}\"", unreachable.getMessage());
        }
    }

    /** What the loop last achieved with the control plane, for the health check. */
    public AgentHealth health() {
        return health;
    }

    /** Asks for a pass now, e.g. because the control plane announced a change. */
    public void wake() {
        wake.release();
    }

    /** Empty for a slot too malformed to run (logged): one app's bad slot must not stop the others'. */
    private static Optional<DesiredInstance> desired(Wire.AgentInstance slot) {
        if (slot == null || slot.appId() == null || slot.type() == null || slot.command() == null) {
            LOG.warn("at=error msg=\"ignoring a malformed slot from the control plane\" slot=\"{}\"", slot);
            return Optional.empty();
        }
        // Slots are keyed by the app's id: a name can be reused by a new app after a destroy.
        return Optional.of(new DesiredInstance(new InstanceKey(slot.appId().toString(), slot.type(), slot.index()),
                slot.release(), slot.image(), List.of("/bin/sh", "-c", slot.command()),
                slot.env() == null ? Map.of() : slot.env(), slot.size(), slot.oneOff(), slot.generation(),
                checks(slot)));
    }

    /** The slot's health checks; one this agent does not understand (a newer kind) is left out, and logged. */
    private static List<HealthCheck> checks(Wire.AgentInstance slot) {
        if (slot.healthchecks() == null) {
            return List.of();
        }
        var checks = new java.util.ArrayList<HealthCheck>();
        for (Wire.HealthCheck c : slot.healthchecks()) {
            var phase = java.util.Arrays.stream(HealthCheck.Phase.values())
                    .filter(p -> p.word().equals(c.type() == null ? "startup" : c.type())).findFirst();
            if (phase.isEmpty() || (c.path() == null && c.command() == null && !Boolean.TRUE.equals(c.listening()))) {
                LOG.warn("at=error msg=\"ignoring a health check this agent does not understand\" app={} check=\"{}\"",
                        slot.appId(), c);
                continue;
            }
            checks.add(new HealthCheck(phase.get(), c.name(), c.path(), c.content(), c.command(),
                    Boolean.TRUE.equals(c.listening()), c.attempts() == null ? 3 : c.attempts(),
                    seconds(c.timeoutSeconds(), 5), seconds(c.waitSeconds(), 5), seconds(c.initialDelaySeconds(), 0)));
        }
        return List.copyOf(checks);
    }

    private static Duration seconds(Integer given, int otherwise) {
        return Duration.ofSeconds(given == null || given < 0 ? otherwise : given);
    }

    /** Empty for a container that is not an app's (its app label is no app id): not ours to report. */
    private Optional<Wire.InstanceReport> report(Observed observed) {
        var a = observed.instance();
        UUID appId;
        try {
            appId = UUID.fromString(a.key().app());
        } catch (IllegalArgumentException notAnAppId) {
            return Optional.empty();
        }
        var sample = a.state() == ActualInstance.State.EXITED ? Optional.<Sample>empty()
                : stats.latest(a.containerId());
        return Optional.of(new Wire.InstanceReport(a.containerId(), appId, a.key().type(), a.key().index(),
                a.release(), a.processState(), observed.hostPort(),
                a.state() == ActualInstance.State.EXITED ? observed.exitCode() : null, observed.reason(),
                a.generation(), observed.since(), sample.map(Sample::memoryBytes).orElse(null),
                sample.map(Sample::cpuPercent).orElse(null)));
    }

    @Override
    public void close() {
        running = false;
        wake.release();
    }
}
