package dev.paas.api.drain;

import dev.paas.api.event.EventHub;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link DrainWorker} (a virtual thread) running per drain of a live app: re-lists drains when the
 * hub says something changed, and at least every few seconds, starting workers for new drains and stopping
 * those of removed ones.
 */
public final class DrainDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainDelivery.class);
    private static final Duration RESYNC = Duration.ofSeconds(2);
    /** At most this often, however many log batches wake the hub. */
    private static final Duration MIN_GAP = Duration.ofMillis(200);
    private final DSLContext dsl;
    private final DrainRepository drains;
    private final EventHub hub;
    private final DrainSockets sockets;
    private final ScheduledExecutorService timeouts;
    private final int buffer;
    private final Map<UUID, Running> workers = new HashMap<>();
    private final Thread supervisor;
    private volatile boolean running = true;

    private record Running(DrainWorker worker, Thread thread) {
    }

    DrainDelivery(DSLContext dsl, DrainRepository drains, EventHub hub, DrainSockets sockets,
                  ScheduledExecutorService timeouts, int buffer) {
        this.dsl = dsl;
        this.drains = drains;
        this.hub = hub;
        this.sockets = sockets;
        this.timeouts = timeouts;
        this.buffer = buffer;
        this.supervisor = Thread.ofVirtual().name("drain-supervisor").unstarted(this::supervise);
    }

    public DrainDelivery start() {
        supervisor.start();
        return this;
    }

    private void supervise() {
        while (running && hub.running()) {
            long seen = hub.generation();
            try {
                sync();
            } catch (RuntimeException e) {
                LOG.warn("at=warn msg=\"cannot list log drains\" error=\"{}\"", e.getMessage());
            }
            try {
                hub.awaitBeyond(seen, RESYNC);
                Thread.sleep(MIN_GAP.toMillis());
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    private synchronized void sync() {
        var active = new HashMap<UUID, DrainRow>();
        drains.active(dsl).forEach(d -> active.put(d.id(), d));
        workers.entrySet().removeIf(e -> {
            boolean gone = !active.containsKey(e.getKey()) || !e.getValue().thread().isAlive();
            if (gone) {
                e.getValue().worker().stop();
                e.getValue().thread().interrupt();
            }
            return gone;
        });
        active.forEach((id, drain) -> workers.computeIfAbsent(id, k -> {
            var transport = DrainTransport.of(DrainUrl.parse(drain.url()), drain.token(), sockets);
            var worker = new DrainWorker(drain, dsl, drains, hub, transport, buffer, Clock.systemUTC());
            return new Running(worker, Thread.ofVirtual().name("drain-" + id).start(worker));
        }));
    }

    @Override
    public synchronized void close() {
        running = false;
        supervisor.interrupt();
        workers.values().forEach(r -> {
            r.worker().stop();
            r.thread().interrupt();
        });
        workers.clear();
        timeouts.shutdownNow();
    }

    /** The drains feature wired together: its HTTP routes' service and its delivery. */
    public record Feature(DrainService service, DrainDelivery delivery) {
    }

    /**
     * @param platformPorts the platform's own ports, which drains may never reach on internal addresses
     */
    public static Feature wire(DSLContext dsl, dev.paas.api.event.Transactions transactions, EventHub hub,
                               dev.paas.api.LogConfig config, java.util.function.Supplier<java.util.Set<Integer>> platformPorts) {
        var drains = new DrainRepository();
        var policy = new DrainPolicy(config.drainAllowPrivate(), platformPorts);
        ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("drain-timeouts").daemon().factory());
        var sockets = new DrainSockets(policy, config.drainCaFile(), timeouts);
        return new Feature(new DrainService(transactions, drains, policy, config.maxDrainsPerApp()),
                new DrainDelivery(dsl, drains, hub, sockets, timeouts, config.drainBufferLines()));
    }
}
