package dev.paas.agent.converge;

import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.probe.Prober;
import dev.paas.agent.probe.Probes;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.Facts;
import dev.paas.agent.reconcile.Reconciler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation pass on this host: observe the containers once, diff them against the desired
 * instances ({@link Reconciler}, which decides everything, timed steps included), carry out the
 * actions and remember their outcomes for the passes to come.
 *
 * <p>No process's failure ends a pass: an action the engine refuses is that slot's news (a start
 * that fails makes the slot crashed, with the reason, and it is retried with the crash backoff);
 * the pass goes on with every other slot. Only a host whose engine cannot even be listed fails
 * the whole pass, with a {@link ContainerFailure}.
 */
public final class Converger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Converger.class);
    private final ContainerRuntime runtime;
    private final String agent;
    private final Duration grace;
    private final Duration bootTimeout;
    private final Duration drain;
    private final CrashBackoff backoff;
    private final ProcessLog log;
    private final LogFollows follows;
    private final Observer observer;
    private final StateLog states;
    private final DynoSpecs specs;
    private final StartFailures failures = new StartFailures();
    private final Checks checks;
    private final ListenWatch listening;
    /** Each web process asked to stop and still draining, by container id. */
    private final Map<String, Facts.StopNotice> notices = new HashMap<>();
    private Optional<Instant> drainEnd = Optional.empty();
    /** Apps whose network stays although none of their processes runs here: an add-on is on it. */
    private volatile java.util.function.Supplier<Set<String>> kept = Set::of;
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
        this.observer = new Observer(runtime, agent);
        this.states = new StateLog(log, follows);
        this.specs = new DynoSpecs(agent, hostIp, user);
        // Published on all addresses (or on none given), a port is reached here on loopback.
        this.checks = new Checks(new Prober(new Probes(runtime, user), exited),
                hostIp == null || hostIp.isBlank() || hostIp.equals("0.0.0.0") ? "127.0.0.1" : hostIp);
        this.listening = new ListenWatch(exited, LISTEN_EVERY);
        this.bootTimeout = bootTimeout;
        this.backoff = new CrashBackoff(coolOff, Duration.ofMinutes(10));
        this.runtime = runtime;
        this.agent = agent;
        this.grace = grace;
    }

    /**
     * What a pass did (or tried: a failed action is reported, not thrown), and what to report: the
     * pass's one observation, brought up to date by what it did.
     */
    public record Pass(List<Action> done, List<Observed> report) {
    }

    /** The actions a pass carried out; none when the host already matched. See {@link #pass}. */
    public List<Action> converge(List<DesiredInstance> desired) {
        return pass(desired).done();
    }

    /** Throws {@link ContainerFailure} only when the engine cannot be listed. */
    public Pass pass(List<DesiredInstance> desired) {
        var now = Instant.now();
        var judged = checks.judge(observer.observe(), desired);
        var observed = judged.observed();
        remember(observed, desired, now);
        // A one-off runs once: one that could not start is over, as one that exited is.
        var runnable = desired.stream().filter(d -> !(d.oneOff() && failures.failed(d.key()))).toList();
        var actions = Reconciler.diff(runnable, observed.stream().map(Observed::instance).toList(),
                new Facts(now, drain, bootTimeout, backoff.coolingDown(now), notices, judged.health()));
        noteDrains(actions, now);
        var report = new LinkedHashMap<String, Observed>();
        observed.forEach(o -> report.put(o.instance().containerId(), o));
        var done = new ArrayList<Action>();
        var started = new HashSet<String>();
        for (Action action : actions.stream().filter(a -> !(a instanceof Action.Drain)).toList()) {
            done.add(action);
            try {
                carryOut(action, report);
                if (action instanceof Action.Start) {
                    started.add(action.key().app());
                }
            } catch (ContainerFailure e) {
                failed(action, e, now);
            } catch (RuntimeException e) {
                // Not the engine's doing, and still only this slot's: the pass goes on with the others.
                failed(action, new ContainerFailure(ContainerFailure.Kind.REFUSED, "agent error: " + e, e), now);
            }
        }
        var reported = new ArrayList<>(report.values());
        listening.watch(startingWeb(reported));
        removeUnusedNetworks(reported, started);
        reported.addAll(failures.reports(reported.stream().map(o -> o.instance().key()).collect(Collectors.toSet())));
        return new Pass(List.copyOf(done), List.copyOf(reported));
    }

    /** How often a starting web process's port is tried: a deploy is served this much after it listens, at most. */
    private static final Duration LISTEN_EVERY = Duration.ofMillis(20);

    /** The web containers left starting, by id, at their own address: up once they accept connections. */
    private static Map<String, InetSocketAddress> startingWeb(List<Observed> observed) {
        var starting = new HashMap<String, InetSocketAddress>();
        observed.stream().filter(o -> o.instance().state() == ActualInstance.State.STARTING
                && o.instance().key().web() && o.ip() != null).forEach(o -> starting.put(o.instance().containerId(),
                new InetSocketAddress(o.ip(), Observer.CONTAINER_PORT)));
        return starting;
    }

    /** Keeps what the passes to come need from this observation: crashes, ups, state changes. */
    private void remember(List<Observed> observed, List<DesiredInstance> desired, Instant now) {
        failures.retain(desired.stream().map(DesiredInstance::key).collect(Collectors.toSet()));
        observer.retain(observed.stream().map(o -> o.instance().containerId()).collect(Collectors.toSet()));
        for (Observed o : observed) {
            var a = o.instance();
            if (a.state() == ActualInstance.State.EXITED) {
                backoff.crashed(a.key(), a.release(), a.containerId(), now);
            } else if (a.state() == ActualInstance.State.UP) {
                backoff.up(a.key(), now, a.startedAt());
            }
        }
        states.record(observed);
    }

    /** A process first asked to stop drains from now, until a report tells the routers (see {@link #reported}). */
    private void noteDrains(List<Action> actions, Instant now) {
        var drains = actions.stream().filter(a -> a instanceof Action.Drain).map(a -> (Action.Drain) a).toList();
        var stops = actions.stream().filter(a -> a instanceof Action.Stop).map(a -> ((Action.Stop) a).containerId());
        // Kept until its stop succeeds: a stop the engine refused is retried without draining anew.
        notices.keySet().retainAll(Stream.concat(drains.stream().map(Action.Drain::containerId), stops)
                .collect(Collectors.toSet()));
        drains.forEach(d -> notices.putIfAbsent(d.containerId(), new Facts.StopNotice(now, null)));
        drainEnd = drains.stream().map(Action.Drain::until).min(Instant::compareTo);
    }

    private void carryOut(Action action, Map<String, Observed> report) {
        switch (action) {
            case Action.Start s -> {
                String id = start(s.instance());
                // Not up before its checks have run, which the next pass starts.
                observer.observe(id).map(o -> s.instance().checks().isEmpty()
                        || o.instance().state() != ActualInstance.State.UP ? o : o.in(ActualInstance.State.STARTING))
                        .ifPresent(o -> report.put(id, o));
            }
            case Action.Stop s -> {
                LOG.info("at=info msg=\"stopping with SIGTERM\" app={} dyno={} reason=\"{}\"", s.key().app(),
                        s.key().dyno(), s.reason());
                log.platform(s.key(), "Stopping all processes with SIGTERM (" + s.reason() + ")");
                runtime.stop(s.containerId(), grace);
                Integer code = runtime.inspect(s.containerId()).exitCode();
                follows.drain(s.containerId());
                log.platform(s.key(), "Process exited with status " + code);
                removed(s.containerId(), report);
            }
            case Action.Kill k -> {
                LOG.warn("at=error msg=\"killing the process\" app={} dyno={} reason=\"{}\"",
                        k.key().app(), k.key().dyno(), k.reason());
                runtime.stop(k.containerId(), Duration.ZERO);
                // The next pass sees it ended: it logs and counts the crash, and restarts the slot.
                observer.killed(k.containerId(), k.reason());
                observer.observe(k.containerId()).ifPresent(o -> report.put(k.containerId(), o));
            }
            case Action.Remove r -> {
                follows.drain(r.containerId());
                removed(r.containerId(), report);
            }
            case Action.Drain d -> {
            }
        }
    }

    private void removed(String containerId, Map<String, Observed> report) {
        runtime.remove(containerId);
        report.remove(containerId);
        states.gone(containerId);
        notices.remove(containerId);
    }

    private String start(DesiredInstance d) {
        var key = d.key();
        log.platform(key, "Starting process with command `" + String.join(" ", d.command()) + "`");
        runtime.ensureNetwork(network(key.app()), Labels.network(agent, key.app()));
        String id = runtime.start(specs.spec(d));
        failures.started(key);
        follows.follow(id, key, Instant.EPOCH);
        states.started(id);
        LOG.info("at=info msg=\"started\" app={} dyno={} release=v{} container={}", key.app(), key.dyno(),
                d.release(), id.substring(0, 12));
        return id;
    }

    /**
     * A start that failed is the slot's crash, said in its log and reported with the reason; it is
     * retried with the crash backoff. A failed stop, kill or remove is tried again on the next pass.
     */
    private void failed(Action action, ContainerFailure e, Instant now) {
        var key = action.key();
        if (action instanceof Action.Start s) {
            var d = s.instance();
            LOG.warn("at=error msg=\"process failed to start\" app={} dyno={} release=v{} kind={} reason=\"{}\"",
                    key.app(), key.dyno(), d.release(), e.kind(), e.reason());
            failures.failed(key, d.release(), d.generation(), e.reason(), now);
            backoff.crashed(key, d.release(), "failed-start-" + (++failedStarts), now);
            states.failedStart(d, e.reason());
            return;
        }
        LOG.warn("at=warn msg=\"engine refused; retrying on the next pass\" app={} dyno={} action={} reason=\"{}\"",
                key.app(), key.dyno(), action.getClass().getSimpleName(), e.reason());
    }

    /** An app's network goes with the last of its containers on this host (as the pass left them). */
    private void removeUnusedNetworks(List<Observed> containers, Set<String> startedApps) {
        try {
            var inUse = new HashSet<>(startedApps);
            // a stopped add-on is no endpoint of the network; removed, it could not start again
            inUse.addAll(kept.get());
            containers.forEach(o -> inUse.add(o.instance().key().app()));
            runtime.networks(Labels.AGENT + "=" + agent).stream()
                    .filter(n -> inUse.stream().noneMatch(app -> n.equals(network(app))))
                    .forEach(runtime::removeNetwork);
        } catch (ContainerFailure e) {
            LOG.warn("at=warn msg=\"cannot tidy networks; retrying on the next pass\" reason=\"{}\"", e.reason());
        }
    }

    /**
     * When a pass is next due although nothing changes: a crashed (or failed) slot's cool-off ends
     * and it restarts, or a draining process's drain ends and it stops.
     */
    public Optional<Instant> retryAt() {
        return Stream.of(backoff.nextEnd(Instant.now()), drainEnd).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /**
     * Says that a report reached the control plane at {@code at}: the drain of each process asked
     * to stop since the last report counts from then, since routers take it out of rotation only
     * once told that its replacement is up (a report may come well after the pass that asked).
     */
    public void reported(Instant at) {
        notices.replaceAll((id, n) -> n.told() == null ? new Facts.StopNotice(n.asked(), at) : n);
    }

    /** True while a web process waits out its drain before SIGTERM. */
    public boolean draining() {
        return !notices.isEmpty();
    }

    /** This agent's containers as found; a web container is UP once its port accepts connections. */
    public List<Observed> observe() {
        return observer.observe();
    }

    public List<ActualInstance> actual() {
        return observe().stream().map(Observed::instance).toList();
    }

    /** The app's own network on this agent (add-ons attached to the app join it too). */
    public String network(String app) {
        return specs.network(app);
    }

    /** Stops the health checks. */
    @Override
    public void close() {
        listening.close();
        checks.close();
    }

    /** {@code apps} (ids) keep their networks on this host while no process of theirs runs: add-ons are on them. */
    public void keepNetworksOf(java.util.function.Supplier<Set<String>> apps) {
        this.kept = apps;
    }

    /** The labels this agent gives an app's network, so that one an add-on made is tidied as any other. */
    public Map<String, String> networkLabels(String app) {
        return Labels.network(agent, app);
    }
}
