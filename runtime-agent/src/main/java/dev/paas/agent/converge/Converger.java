package dev.paas.agent.converge;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.container.ContainerSpec;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.Reconciler;
import dev.paas.client.DynoSize;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation pass on this host: read the containers (by label), probe the health of the
 * starting ones, diff against the desired instances, and carry out the actions.
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
    private final Runnable exited;
    private final Duration drain;
    private final java.util.Map<String, java.time.Instant> stopAskedAt = new java.util.HashMap<>();
    private final java.util.Map<String, ContainerRuntime.LogFollow> follows = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, ActualInstance.State> lastStates = new java.util.HashMap<>();

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
        this.exited = exited;
        this.bootTimeout = bootTimeout;
        this.backoff = new CrashBackoff(coolOff, Duration.ofMinutes(10));
        this.runtime = runtime;
        this.agent = agent;
        this.hostIp = hostIp;
        this.user = user;
        this.grace = grace;
    }

    /** Returns the actions it carried out; none when the host already matched. */
    public List<Action> converge(List<DesiredInstance> desired) {
        var now = java.time.Instant.now();
        var observed = observe();
        for (Observed o : observed) {
            if (o.instance().state() == ActualInstance.State.EXITED) {
                backoff.crashed(o.instance().key(), o.instance().release(), o.instance().containerId(), now);
            } else if (o.instance().state() == ActualInstance.State.UP) {
                backoff.up(o.instance().key(), now, o.startedAt());
            }
        }
        record(observed);
        List<Action> actions = Reconciler.diff(desired, observed.stream().map(Observed::instance).toList(),
                backoff.coolingDown(now));
        var asked = actions.stream().filter(a -> a instanceof Action.Stop).map(a -> ((Action.Stop) a).containerId())
                .collect(java.util.stream.Collectors.toSet());
        stopAskedAt.keySet().retainAll(asked);
        var done = new java.util.ArrayList<Action>();
        for (Action action : actions) {
            if (action instanceof Action.Stop s && "web".equals(s.key().type()) && !drain.isZero()
                    && stopAskedAt.computeIfAbsent(s.containerId(), id -> now).plus(drain).isAfter(now)) {
                continue; // still draining: routers are taking it out of rotation
            }
            done.add(action);
            switch (action) {
                case Action.Start s -> {
                    var key = s.instance().key();
                    log.platform(key, "Starting process with command `" + String.join(" ", s.instance().command())
                            + "`");
                    String id = runtime.start(spec(s.instance()));
                    follow(id, key, java.time.Instant.EPOCH);
                    lastStates.put(id, ActualInstance.State.STARTING);
                    LOG.info("at=info msg=\"started\" app={} dyno={} release=v{} container={}", key.app(), key.dyno(),
                            s.instance().release(), id.substring(0, 12));
                }
                case Action.Stop s -> {
                    LOG.info("at=info msg=\"stopping with SIGTERM\" app={} dyno={} reason=\"{}\"", s.key().app(),
                            s.key().dyno(), s.reason());
                    log.platform(s.key(), "Stopping all processes with SIGTERM (" + s.reason() + ")");
                    runtime.stop(s.containerId(), grace);
                    Integer code = runtime.inspect(s.containerId()).exitCode();
                    drain(s.containerId());
                    log.platform(s.key(), "Process exited with status " + code);
                    runtime.remove(s.containerId());
                    lastStates.remove(s.containerId());
                    stopAskedAt.remove(s.containerId());
                }
                case Action.Remove r -> {
                    drain(r.containerId());
                    runtime.remove(r.containerId());
                    lastStates.remove(r.containerId());
                }
            }
        }
        return done;
    }

    /** True while a web process waits out its drain before SIGTERM: another pass is due soon. */
    public boolean draining() {
        return !stopAskedAt.isEmpty();
    }

    /** Follows new containers' output and says each state change, once, as Heroku does. */
    private void record(List<Observed> observed) {
        for (Observed o : observed) {
            var a = o.instance();
            if (a.state() != ActualInstance.State.EXITED && !follows.containsKey(a.containerId())) {
                // Adopted after an agent restart: its earlier lines were shipped by the agent before.
                follow(a.containerId(), a.key(), java.time.Instant.now());
            }
            var before = lastStates.put(a.containerId(), a.state());
            if (before != null && before != a.state()) {
                if (a.state() == ActualInstance.State.EXITED) {
                    drain(a.containerId()); // its last words come before the news of its end
                    log.platform(a.key(), "Process exited with status " + o.exitCode());
                }
                log.platform(a.key(), "State changed from " + name(before) + " to " + name(a.key(), a.state()));
            }
        }
    }

    /** Heroku's words: a one-off that ended is complete, any other process crashed. */
    private static String name(dev.paas.agent.reconcile.InstanceKey key, ActualInstance.State state) {
        return state == ActualInstance.State.EXITED && isOneOff(key) ? "complete" : name(state);
    }

    public static boolean isOneOff(dev.paas.agent.reconcile.InstanceKey key) {
        return "run".equals(key.type());
    }

    private static String name(ActualInstance.State state) {
        return switch (state) {
            case STARTING -> "starting";
            case UP -> "up";
            case EXITED -> "crashed";
        };
    }

    private void follow(String containerId, dev.paas.agent.reconcile.InstanceKey key, java.time.Instant since) {
        if (log == ProcessLog.NONE) {
            return;
        }
        follows.computeIfAbsent(containerId, id -> {
            var follow = runtime.followLogs(id, since, (time, line) -> log.app(key, time, line));
            Thread.ofVirtual().name("exit-" + key.dyno()).start(() -> {
                try {
                    follow.awaitEnd(Duration.ofDays(3650));
                    exited.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return follow;
        });
    }

    /** Every line the process wrote up to its end reaches the log before its container goes. */
    private void drain(String containerId) {
        var follow = follows.remove(containerId);
        if (follow == null) {
            return;
        }
        try {
            follow.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            follow.close();
        }
    }

    /** An instance as found, with the host port its web process is published on. */
    public record Observed(ActualInstance instance, Integer hostPort, Integer exitCode, java.time.Instant startedAt) {
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

    private Observed observed(dev.paas.agent.reconcile.InstanceKey key, Container c) {
        ActualInstance.State state = state(key.type(), c);
        Integer exitCode = c.exitCode();
        if (state == ActualInstance.State.STARTING && c.startedAt() != null
                && c.startedAt().plus(bootTimeout).isBefore(java.time.Instant.now())) {
            LOG.warn("at=error code=R10 desc=\"Boot timeout\" app={} dyno={} msg=\"web process failed to bind to "
                    + "$PORT within {} seconds of launch; stopping it\"", key.app(), key.dyno(), bootTimeout.toSeconds());
            runtime.stop(c.id(), Duration.ZERO);
            state = ActualInstance.State.EXITED;
            exitCode = runtime.inspect(c.id()).exitCode();
        }
        return new Observed(new ActualInstance(c.id(), key, Labels.release(c.labels()), state,
                Labels.generation(c.labels())), c.hostPort(), exitCode,
                c.startedAt());
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
        return new ContainerSpec(name, d.image(), d.command(), env, Labels.of(agent, d.key(), d.release(), d.generation()),
                size.memoryMb(), size.pids(), user, hostIp, web ? CONTAINER_PORT : null);
    }
}
