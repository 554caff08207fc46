package dev.paas.agent;

import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.converge.Converger;
import dev.paas.agent.logs.LogShipper;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** A real agent loop with its log shipper, on a runtime of the test's choosing, run on a thread. */
final class AgentHarness implements AutoCloseable {
    /** Longer than any wait: only change events, crash retries and the agent's own passes act in time. */
    static final Duration RESYNC = Duration.ofMinutes(5);
    final Agent agent;
    final UUID id;
    private final LogShipper shipper;
    private final Thread loop;
    private final AtomicReference<Throwable> died = new AtomicReference<>();
    private final dev.paas.agent.backup.BackupJobs backups;

    AgentHarness(String baseUrl, String admin, String name, ContainerRuntime runtime, String address) {
        this(baseUrl, admin, name, runtime, address, Duration.ofMillis(500));
    }

    AgentHarness(String baseUrl, String admin, String name, ContainerRuntime runtime, String address,
                 Duration drain) {
        this(baseUrl, admin, name, runtime, address, drain, null);
    }

    /** With add-ons run on {@code addons}, when not null. */
    AgentHarness(String baseUrl, String admin, String name, ContainerRuntime runtime, String address,
                 Duration drain, dev.paas.agent.addon.AddonRuntime addons) {
        this(baseUrl, admin, name, runtime, address, drain, addons, null);
    }

    /** With add-ons, and their backups' captures and restores run on {@code backupRuntime} when not null. */
    AgentHarness(String baseUrl, String admin, String name, ContainerRuntime runtime, String address,
                 Duration drain, dev.paas.agent.addon.AddonRuntime addons,
                 dev.paas.agent.backup.BackupRuntime backupRuntime) {
        var client = new PlatformClient(URI.create(baseUrl), admin);
        var config = new AgentConfig(URI.create(baseUrl), admin, name, address, 4096, "unused", "1000:1000",
                Duration.ofSeconds(2), RESYNC, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30),
                drain);
        var agentId = new AtomicReference<UUID>();
        shipper = new LogShipper(client, agentId::get);
        var woken = new AtomicReference<Agent>();
        var converger = new Converger(runtime, name, address, config.appUser(), config.grace(),
                config.bootTimeout(), config.coolOff(), shipper, () -> woken.get().wake(), config.drain());
        var addonSync = addons == null ? dev.paas.agent.addon.AddonSync.NONE
                : new dev.paas.agent.addon.AddonSync(client, addons, name, dev.paas.agent.addon.AddonImages.LOCAL,
                converger::network, converger::networkLabels);
        converger.keepNetworksOf(addonSync::attachedApps);
        agent = new Agent(config, client, converger, addonSync);
        woken.set(agent);
        id = agent.register();
        agentId.set(id);
        backups = backupRuntime == null ? null : new dev.paas.agent.backup.BackupJobs(client, backupRuntime,
                agentId::get, Duration.ofMillis(300)).start();
        loop = Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (Throwable e) {
                died.set(e);
            }
        });
    }

    /** The loop is still going: nothing it met ended it. */
    boolean alive() {
        return loop.isAlive() && died.get() == null;
    }

    @Override
    public void close() throws InterruptedException {
        if (backups != null) {
            backups.close();
        }
        agent.close();
        loop.join(Duration.ofSeconds(30));
        shipper.close();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 90 s: " + what);
    }
}
