package dev.paas.agent;

import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.logs.LogShipper;
import dev.paas.client.PlatformClient;
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
                config.logMaxFiles()); var logs = new LogShipper(client, agentId::get)) {
            // A process that ends wakes a pass at once (one-offs finish, crashes restart).
            var woken = new java.util.concurrent.atomic.AtomicReference<Agent>();
            var agent = new Agent(config, client,
                    new Converger(docker, config.name(), config.address(), config.appUser(), config.grace(),
                            config.bootTimeout(), config.coolOff(), logs, () -> {
                                var a = woken.get();
                                if (a != null) {
                                    a.wake();
                                }
                            }, config.drain()));
            woken.set(agent);
            agentId.set(agent.registerWhenReachable());
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
}
