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
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
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
        var client = new PlatformClient(config.apiUrl(), config.apiKey());
        var agentId = new java.util.concurrent.atomic.AtomicReference<java.util.UUID>();
        try (var docker = new DockerRuntime(config.dockerHost(), config.logMaxSize(),
                config.logMaxFiles(), config.registry(), config.pullTimeout()); var logs = new LogShipper(client, agentId::get);
             var addonEngine = new DockerAddons(config.dockerHost(), config.name());
             // a dump or restore is one engine call: it may take as long as the API lets a job run
             var backupEngine = new dev.paas.agent.backup.DockerBackups(config.dockerHost(), config.name(),
                     java.time.Duration.ofHours(6));
             var backups = new dev.paas.agent.backup.BackupJobs(client, backupEngine, agentId::get,
                     java.time.Duration.ofSeconds(1)).start()) {
            // A process that ends wakes a pass at once (one-offs finish, crashes restart).
            var woken = new java.util.concurrent.atomic.AtomicReference<Agent>();
            var converger = new Converger(docker, config.name(), config.address(), config.appUser(), config.grace(),
                    config.bootTimeout(), config.coolOff(), logs, () -> {
                        var a = woken.get();
                        if (a != null) {
                            a.wake();
                        }
                    }, config.drain());
            var addons = new AddonSync(client, addonEngine, config.name(), AddonImages.fromEnv(System.getenv()),
                    converger::network, converger::networkLabels);
            converger.keepNetworksOf(addons::attachedApps);
            var stats = new StatsSampler(docker, logs, config.statsInterval(), Clock.systemUTC()).start();
            var agent = new Agent(config, client, converger, addons, stats);
            woken.set(agent);
            docker.whilePulling(agent::keepAlive);
            // Up before registering, so that a supervisor sees "not registered" rather than nothing.
            try (stats; var health = healthServer(config, agent, stats)) {
                agentId.set(agent.registerWhenReachable());
                runUntilStopped(agent);
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
            System.err.println("cannot answer health checks on " + config.health() + " (PAAS_AGENT_HEALTH_BIND, "
                    + "PAAS_AGENT_HEALTH_PORT): " + e.getMessage());
            System.exit(78);
            throw new IllegalStateException(e);
        }
    }

    private static void runUntilStopped(Agent agent) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("at=info msg=\"agent stopping; app processes keep running\"");
            agent.close();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        try {
            agent.run();
        } finally {
            stopped.countDown();
        }
    }
}
