package dev.paas.agent.converge;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.container.ContainerSpec;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.agent.reconcile.Reconciler;
import dev.paas.client.DynoSize;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation pass on this host: read the containers (by label), probe the health of the
 * starting ones, diff against the desired instances, and carry out the actions.
 *
 * <p>No process's failure ends a pass: an action the engine refuses is that slot's news (a start
 * that fails makes the slot crashed, with the reason, and it is retried with the crash backoff);
 * the pass goes on with every other slot. Only a host whose engine cannot even be listed fails
 * the whole pass, with a {@link ContainerFailure}.
 */
public final class Converger {
    private static final Logger LOG = LoggerFactory.getLogger(Converger.class);
    static final int CONTAINER_PORT = 5000;
    private final ContainerRuntime runtime;
    private final String agent;
    private final String hostIp;
    private final String user;
    private final Duration grace;
    private final Duration bootTimeout;
    private final CrashBackoff backoff;
    private final ProcessLog log;
    private final LogFollows follows;
    private final Duration drain;
    private final StartFailures failures = new StartFailures();
    private final Map<String, Instant> stopAskedAt = new HashMap<>();
    /** Asked to stop, but no report has yet told the control plane (and so routers) of its replacement. */
    private final Set<String> unreported = new HashSet<>();
    private final Map<String, ActualInstance.State> lastStates = new HashMap<>();
    private int failedStarts;

    /**
     * @param agent  this agent's name: only containers labelled with it are touched
     * @param hostIp where web ports are published (loopback by default)
     * @param user   the uid:gid app processes run as, never root
     * @param grace  between SIGTERM and SIGKILL
     */
    public Converger(ContainerRuntime runtime, String agent, String hostIp, String user, Duration grace) {
        this(runtime, agent, hostIp, user, grace, Duration.ofSeconds(60), Duration.ofMinutes(5), ProcessLog.NONE,
                () -> { }, Duration.ZERO);
    }

    /**
     * @param bootTimeout a web process that does not accept connections on PORT by then is killed
     *                    (Heroku's R10) and counts as crashed
     * @param coolOff     the longest wait before restarting a process that keeps crashing
     * @param exited      called when a followed process ends, so that a pass sees it at once
     * @param drain       how long a web process that is to stop keeps running first: routers drop it
     *                    from their tables meanwhile (its replacement was reported up, or its slot
     *                    went away) and its in-flight requests finish before it gets SIGTERM
     */
    public Converger(ContainerRuntime runtime, String agent, String hostIp, String user, Duration grace,
                     Duration bootTimeout, Duration coolOff, ProcessLog log, Runnable exited, Duration drain) {
        this.log = log;
        this.drain = drain;
        this.follows = new LogFollows(runtime, log, exited);
        this.bootTimeout = bootTimeout;
        this.backoff = new CrashBackoff(coolOff, Duration.ofMinutes(10));
        this.runtime = runtime;
        this.agent = agent;
        this.hostIp = hostIp;
        this.user = user;
        this.grace = grace;
    }

    /**
     * Returns the actions it carried out (or tried: a failed one is reported, not thrown); none when
     * the host already matched. Throws {@link ContainerFailure} only when the engine cannot be listed.
     */
    public List<Action> converge(List<DesiredInstance> desired) {
        var now = Instant.now();
        var observed = observe();
        failures.retain(desired.stream().map(DesiredInstance::key).collect(Collectors.toSet()));
        for (Observed o : observed) {
            if (o.instance().state() == ActualInstance.State.EXITED) {
                backoff.crashed(o.instance().key(), o.instance().release(), o.instance().containerId(), now);
            } else if (o.instance().state() == ActualInstance.State.UP) {
                backoff.up(o.instance().key(), now, o.startedAt());
            }
        }
        record(observed);
        // A one-off runs once: one that could not start is over, as one that exited is.
        var runnable = desired.stream().filter(d -> !(d.oneOff() && failures.failed(d.key()))).toList();
        List<Action> actions = Reconciler.diff(runnable, observed.stream().map(Observed::instance).toList(),
                backoff.coolingDown(now));
        var asked = actions.stream().filter(a -> a instanceof Action.Stop).map(a -> ((Action.Stop) a).containerId())
                .collect(Collectors.toSet());
        stopAskedAt.keySet().retainAll(asked);
        unreported.retainAll(asked);
        var done = new ArrayList<Action>();
        var started = new HashSet<String>();
        for (Action action : actions) {
            if (action instanceof Action.Stop s && "web".equals(s.key().type()) && !drain.isZero()
                    && stopAskedAt.computeIfAbsent(s.containerId(), id -> {
                        unreported.add(id);
                        return now;
                    }).plus(drain).isAfter(now)) {
                continue; // still draining: routers are taking it out of rotation
            }
            done.add(action);
            try {
                carryOut(action, now);
                if (action instanceof Action.Start s) {
                    started.add(s.instance().key().app());
                }
            } catch (ContainerFailure e) {
                failed(action, e, now);
            } catch (RuntimeException e) {
                // Not the engine's doing, and still only this slot's: the pass goes on with the others.
                failed(action, new ContainerFailure(ContainerFailure.Kind.REFUSED, "agent error: " + e, e), now);
            }
        }
        removeUnusedNetworks(observed, started);
        return done;
    }

    private void carryOut(Action action, Instant now) {
        switch (action) {
            case Action.Start s -> start(s.instance());
            case Action.Stop s -> {
                LOG.info("at=info msg=\"stopping with SIGTERM\" app={} dyno={} reason=\"{}\"", s.key().app(),
                        s.key().dyno(), s.reason());
                log.platform(s.key(), "Stopping all processes with SIGTERM (" + s.reason() + ")");
                runtime.stop(s.containerId(), grace);
                Integer code = runtime.inspect(s.containerId()).exitCode();
                follows.drain(s.containerId());
                log.platform(s.key(), "Process exited with status " + code);
                runtime.remove(s.containerId());
                lastStates.remove(s.containerId());
                stopAskedAt.remove(s.containerId());
                unreported.remove(s.containerId());
            }
            case Action.Remove r -> {
                follows.drain(r.containerId());
                runtime.remove(r.containerId());
                lastStates.remove(r.containerId());
            }
        }
    }

    private void start(DesiredInstance d) {
        var key = d.key();
        log.platform(key, "Starting process with command `" + String.join(" ", d.command()) + "`");
        runtime.ensureNetwork(network(key.app()), Labels.network(agent, key.app()));
        String id = runtime.start(spec(d));
        failures.started(key);
        follows.follow(id, key, Instant.EPOCH);
        lastStates.put(id, ActualInstance.State.STARTING);
        LOG.info("at=info msg=\"started\" app={} dyno={} release=v{} container={}", key.app(), key.dyno(),
                d.release(), id.substring(0, 12));
    }

    /**
     * A start that failed is the slot's crash, said in its log and reported with the reason; it is
     * retried with the crash backoff. A failed stop or remove is tried again on the next pass.
     */
    private void failed(Action action, ContainerFailure e, Instant now) {
        if (action instanceof Action.Start s) {
            var d = s.instance();
            LOG.warn("at=error msg=\"process failed to start\" app={} dyno={} release=v{} kind={} reason=\"{}\"",
                    d.key().app(), d.key().dyno(), d.release(), e.kind(), e.reason());
            failures.failed(d.key(), d.release(), d.generation(), e.reason(), now);
            backoff.crashed(d.key(), d.release(), "failed-start-" + (++failedStarts), now);
            log.platform(d.key(), "Process failed to start: " + e.reason());
            if (d.oneOff()) {
                log.platform(d.key(), "Process exited with status " + StartFailures.EXIT_CODE);
            }
            log.platform(d.key(), "State changed from starting to " + (d.oneOff() ? "complete" : "crashed"));
            return;
        }
        var key = action instanceof Action.Stop s ? s.key() : ((Action.Remove) action).key();
        LOG.warn("at=warn msg=\"engine refused; retrying on the next pass\" app={} dyno={} action={} reason=\"{}\"",
                key.app(), key.dyno(), action.getClass().getSimpleName(), e.reason());
    }

    /** An app's network goes with the last of its containers on this host. */
    private void removeUnusedNetworks(List<Observed> observed, Set<String> startedApps) {
        try {
            var networks = runtime.networks(Labels.AGENT + "=" + agent);
            if (networks.isEmpty()) {
                return;
            }
            var inUse = new HashSet<>(startedApps);
            runtime.list(Labels.AGENT + "=" + agent).forEach(c -> Labels.key(c.labels())
                    .ifPresent(k -> inUse.add(k.app())));
            networks.stream().filter(n -> inUse.stream().noneMatch(app -> n.equals(network(app))))
                    .forEach(runtime::removeNetwork);
        } catch (ContainerFailure e) {
            LOG.warn("at=warn msg=\"cannot tidy networks; retrying on the next pass\" reason=\"{}\"", e.reason());
        }
    }

    /** When a crashed (or failed) slot's cool-off ends and a pass should restart it. */
    public java.util.Optional<Instant> retryAt() {
        return backoff.nextEnd(Instant.now());
    }

    /**
     * Says that a report reached the control plane at {@code at}: the drain of each process asked
     * to stop since the last report counts from then, since routers take it out of rotation only
     * once told that its replacement is up (a report may come well after the pass that asked).
     */
    public void reported(Instant at) {
        unreported.forEach(id -> stopAskedAt.put(id, at));
        unreported.clear();
    }

    /** True while a web process waits out its drain before SIGTERM: another pass is due soon. */
    public boolean draining() {
        return !stopAskedAt.isEmpty();
    }

    /** Follows new containers' output and says each state change, once, as Heroku does. */
    private void record(List<Observed> observed) {
        for (Observed o : observed) {
            var a = o.instance();
            if (a.state() != ActualInstance.State.EXITED && !follows.following(a.containerId())) {
                // Adopted after an agent restart: its earlier lines were shipped by the agent before.
                follows.follow(a.containerId(), a.key(), Instant.now());
            }
            var before = lastStates.put(a.containerId(), a.state());
            if (before != null && before != a.state()) {
                if (a.state() == ActualInstance.State.EXITED) {
                    follows.drain(a.containerId()); // its last words come before the news of its end
                    if (o.reason() != null) {
                        log.platform(a.key(), "Process crashed: " + o.reason());
                    }
                    log.platform(a.key(), "Process exited with status " + o.exitCode());
                }
                log.platform(a.key(), "State changed from " + name(before) + " to " + name(a.key(), a.state()));
            }
        }
    }

    /** Heroku's words: a one-off that ended is complete, any other process crashed. */
    private static String name(InstanceKey key, ActualInstance.State state) {
        return state == ActualInstance.State.EXITED && isOneOff(key) ? "complete" : name(state);
    }

    public static boolean isOneOff(InstanceKey key) {
        return "run".equals(key.type());
    }

    private static String name(ActualInstance.State state) {
        return switch (state) {
            case STARTING -> "starting";
            case UP -> "up";
            case EXITED -> "crashed";
        };
    }

    /**
     * An instance as found, with the host port its web process is published on, and why it
     * crashed when its exit code does not say (out of memory, boot timeout, a failed start).
     * {@code since} is when it entered its state: its container's start, or its end once exited.
     */
    public record Observed(ActualInstance instance, Integer hostPort, Integer exitCode, Instant startedAt,
                           String reason, Instant since) {
    }

    /** This agent's containers as instances; a web container is UP once its port accepts connections. */
    public List<ActualInstance> actual() {
        return observe().stream().map(Observed::instance).toList();
    }

    public List<Observed> observe() {
        return runtime.list(Labels.AGENT + "=" + agent).stream()
                .flatMap(c -> Labels.key(c.labels()).stream().map(key -> observed(key, c)))
                .toList();
    }

    /** What to report: every container, and each slot whose start failed and that has none. */
    public List<Observed> report() {
        var observed = new ArrayList<>(observe());
        observed.addAll(failures.reports(observed.stream().map(o -> o.instance().key()).collect(Collectors.toSet())));
        return observed;
    }

    private Observed observed(InstanceKey key, Container c) {
        ActualInstance.State state = state(key.type(), c);
        Integer exitCode = c.exitCode();
        String reason = state == ActualInstance.State.EXITED ? reason(c) : null;
        if (state == ActualInstance.State.STARTING && c.startedAt() != null
                && c.startedAt().plus(bootTimeout).isBefore(Instant.now())) {
            LOG.warn("at=error code=R10 desc=\"Boot timeout\" app={} dyno={} msg=\"web process failed to bind to "
                    + "$PORT within {} seconds of launch; stopping it\"", key.app(), key.dyno(), bootTimeout.toSeconds());
            try {
                runtime.stop(c.id(), Duration.ZERO);
                state = ActualInstance.State.EXITED;
                exitCode = runtime.inspect(c.id()).exitCode();
                reason = "boot timeout (R10: did not bind to $PORT within " + bootTimeout.toSeconds() + " s)";
            } catch (ContainerFailure e) {
                LOG.warn("at=warn msg=\"cannot stop it yet\" app={} dyno={} reason=\"{}\"", key.app(), key.dyno(),
                        e.reason());
            }
        }
        return new Observed(new ActualInstance(c.id(), key, Labels.release(c.labels()), state,
                Labels.generation(c.labels())), c.hostPort(), exitCode, c.startedAt(), reason,
                state == ActualInstance.State.EXITED && c.finishedAt() != null ? c.finishedAt() : c.startedAt());
    }

    private static String reason(Container c) {
        if (c.oomKilled()) {
            var size = DynoSize.of(c.labels().getOrDefault(Labels.SIZE, ""));
            return "out of memory (R15: killed at its " + size.map(s -> s.memoryMb() + " MB ").orElse("")
                    + "memory limit)";
        }
        return c.error();
    }

    private ActualInstance.State state(String type, Container c) {
        if (!c.running()) {
            return ActualInstance.State.EXITED;
        }
        if (!"web".equals(type)) {
            return ActualInstance.State.UP;
        }
        // The process itself must accept, on its own address: the engine's port proxy on the
        // published host port accepts connections even when nothing listens behind it.
        return c.hostPort() != null && c.ip() != null && accepts(c.ip(), CONTAINER_PORT)
                ? ActualInstance.State.UP : ActualInstance.State.STARTING;
    }

    private static boolean accepts(String ip, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The app's own network on this agent: apps reach each other only through the router. */
    String network(String app) {
        return "paas-" + agent + "-" + app;
    }

    /** The release's config plus Heroku's PORT, DYNO and PS; limits by size. */
    private ContainerSpec spec(DesiredInstance d) {
        var env = new HashMap<>(d.env());
        env.put("DYNO", d.key().dyno());
        env.put("PS", d.key().dyno());
        boolean web = "web".equals(d.key().type());
        if (web) {
            env.put("PORT", String.valueOf(CONTAINER_PORT));
        }
        DynoSize size = DynoSize.of(d.size()).orElse(DynoSize.DEFAULT);
        String name = "paas-" + d.key().app() + "-" + d.key().type() + "." + d.key().index() + "-v" + d.release()
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new ContainerSpec(name, d.image(), d.command(), env,
                Labels.of(agent, d.key(), d.release(), d.generation(), size.wireName()), size.memoryMb(), size.pids(),
                user, hostIp, web ? CONTAINER_PORT : null, network(d.key().app()));
    }
}
