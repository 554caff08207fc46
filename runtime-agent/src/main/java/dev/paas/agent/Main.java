package dev.paas.agent;

import dev.paas.agent.addon.AddonImages;
import dev.paas.agent.addon.AddonSync;
import dev.paas.agent.addon.DockerAddons;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.health.HealthServer;
import dev.paas.agent.logs.LogShipper;
import dev.paas.agent.stats.StatsSampler;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one runtime agent. Stopping the agent (SIGTERM or kill -9) stops no app process: a new
 * agent process adopts the containers by their labels.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config;
        try {
            config = AgentConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(78);
            return;
        }
        Running agent;
        try {
            agent = start(config, System.getenv());
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(78);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("at=info msg=\"agent stopping; app processes keep running\"");
            agent.close();
        }, "shutdown"));
        agent.awaitEnd();
    }

    /**
     * Wires and starts an agent: its health server answers at once, and a thread of its own
     * registers (waiting for the control plane as long as it takes) and then runs passes until
     * {@link Running#close()}. {@code env} gives the add-on images. A health port that cannot be
     * bound is an {@link UncheckedIOException} naming the variables, after what was opened is closed.
     */
    public static Running start(AgentConfig config, Map<String, String> env) {
        var client = new PlatformClient(config.apiUrl(), config.apiKey());
        var agentId = new java.util.concurrent.atomic.AtomicReference<java.util.UUID>();
        var opened = new ArrayList<AutoCloseable>();
        try {
            var docker = opened(opened, new DockerRuntime(config.dockerHost(), config.logMaxSize(),
                    config.logMaxFiles(), config.registry(), config.pullTimeout()));
            var logs = opened(opened, new LogShipper(client, agentId::get));
            var addonEngine = opened(opened, new DockerAddons(config.dockerHost(), config.name()));
            // a dump or restore is one engine call: it may take as long as the API lets a job run
            var backupEngine = opened(opened, new dev.paas.agent.backup.DockerBackups(config.dockerHost(),
                    config.name(), java.time.Duration.ofHours(6)));
            opened(opened, new dev.paas.agent.backup.BackupJobs(client, backupEngine, agentId::get,
                    java.time.Duration.ofSeconds(1)).start());
            // A process that ends wakes a pass at once (one-offs finish, crashes restart).
            var woken = new java.util.concurrent.atomic.AtomicReference<Agent>();
            var converger = new Converger(docker, config.name(), config.address(), config.appUser(), config.grace(),
                    config.bootTimeout(), config.coolOff(), logs, () -> {
                        var a = woken.get();
                        if (a != null) {
                            a.wake();
                        }
                    }, config.drain());
            var addons = new AddonSync(client, addonEngine, config.name(), AddonImages.fromEnv(env),
                    converger::network, converger::networkLabels);
            converger.keepNetworksOf(addons::attachedApps);
            var stats = opened(opened, new StatsSampler(docker, logs, config.statsInterval(), Clock.systemUTC())
                    .start());
            var agent = new Agent(config, client, converger, addons, stats);
            woken.set(agent);
            docker.whilePulling(agent::keepAlive);
            // Up before registering, so that a supervisor sees "not registered" rather than nothing.
            opened(opened, healthServer(config, agent, stats));
            var runner = new Thread(() -> {
                try {
                    agentId.set(agent.registerWhenReachable());
                    agent.run();
                } catch (InterruptedException closed) {
                    Thread.currentThread().interrupt();
                }
            }, "agent");
            runner.start();
            return new Running(agent, runner, agentId, List.copyOf(opened));
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("at=warn msg=\"error while stopping\" error=\"{}\"", e.toString());
            }
        }
    }

    /**
     * A pass runs at least every resync period; one may also stop processes for up to their grace:
     * no pass completed in twice the period plus the grace is a wedged loop.
     */
    private static HealthServer healthServer(AgentConfig config, Agent agent, StatsSampler stats) {
        try {
            return new HealthServer(config.health(), agent.health(),
                    config.resync().multipliedBy(2).plus(config.grace()), Clock.systemUTC(), stats::prometheus);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer health checks on " + config.health()
                    + " (PAAS_AGENT_HEALTH_BIND, PAAS_AGENT_HEALTH_PORT): " + e.getMessage(), e);
        }
    }

    /** A started agent. Closing it ends its passes, then closes what it opened, newest first. Idempotent. */
    public static final class Running implements AutoCloseable {
        private final Agent agent;
        private final Thread runner;
        private final java.util.concurrent.atomic.AtomicReference<java.util.UUID> registered;
        private final List<AutoCloseable> opened;
        private final java.util.concurrent.atomic.AtomicBoolean closed =
                new java.util.concurrent.atomic.AtomicBoolean();

        private Running(Agent agent, Thread runner, java.util.concurrent.atomic.AtomicReference<java.util.UUID> registered,
                        List<AutoCloseable> opened) {
            this.agent = agent;
            this.runner = runner;
            this.registered = registered;
            this.opened = opened;
        }

        /** Returns once the agent has stopped running passes (after {@link #close()}). */
        public void awaitEnd() throws InterruptedException {
            runner.join();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            agent.close();
            // Still waiting for the control plane: a retry's sleep need not run out. A pass under way is
            // not interrupted: it ends at its own pace, as it did before the stop.
            if (registered.get() == null) {
                runner.interrupt();
            }
            try {
                runner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAll(opened);
        }
    }
}
