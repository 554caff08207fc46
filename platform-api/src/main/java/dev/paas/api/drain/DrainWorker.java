package dev.paas.api.drain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import dev.paas.api.event.EventHub;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one drain's lines, in order, from its cursor in the database, on a thread of its own: a drain
 * that is down or slow delays only itself. A batch counts as delivered only once sent (at least once);
 * when the drain is more than the buffer behind, the oldest undelivered lines are skipped and the next
 * batch opens with Heroku's L10 line saying how many.
 */
final class DrainWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainWorker.class);
    static final int MAX_BATCH = 500;
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    /** Short enough that a drain that comes back is caught up within seconds; a retry is one connect. */
    static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    enum State { DELIVERING, FAILING }

    private enum Outcome { GONE, IDLE, MORE }

    private final DrainRow drain;
    private final DSLContext dsl;
    private final DrainRepository drains;
    private final EventHub hub;
    private final DrainTransport transport;
    private final int buffer;
    private final Clock clock;
    private volatile boolean running = true;
    private State state = State.DELIVERING;

    DrainWorker(DrainRow drain, DSLContext dsl, DrainRepository drains, EventHub hub, DrainTransport transport,
                int buffer, Clock clock) {
        this.drain = drain;
        this.dsl = dsl;
        this.drains = drains;
        this.hub = hub;
        this.transport = transport;
        this.buffer = buffer;
        this.clock = clock;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        try (transport) {
            while (running && hub.running()) {
                long seen = hub.generation();
                try {
                    Outcome outcome = deliverOnce();
                    if (outcome == Outcome.GONE) {
                        return;
                    }
                    become(State.DELIVERING, null);
                    retry = FIRST_RETRY;
                    if (outcome == Outcome.IDLE) {
                        hub.awaitBeyond(seen, IDLE_WAIT);
                    }
                } catch (IOException | RuntimeException e) {
                    transport.close();
                    become(State.FAILING, e);
                    Thread.sleep(retry.toMillis());
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome deliverOnce() throws IOException {
        var current = drains.find(dsl, drain.id()).orElse(null);
        if (current == null) {
            return Outcome.GONE;
        }
        int batch = Math.min(MAX_BATCH, buffer);
        var lines = drains.after(dsl, current.appId(), current.deliveredId(), batch);
        if (lines.size() == batch) {
            var row = current;
            if (dsl.transactionResult(cfg -> drains.skipBeyond(cfg.dsl(), row, buffer)) > 0) {
                current = drains.find(dsl, drain.id()).orElse(null);
                if (current == null) {
                    return Outcome.GONE;
                }
                lines = drains.after(dsl, current.appId(), current.deliveredId(), batch);
            }
        }
        var messages = new ArrayList<LogplexFrames.Message>(lines.size() + 1);
        if (current.dropped() > 0) {
            var since = current.droppedSince() == null ? clock.instant() : current.droppedSince().toInstant();
            messages.add(LogplexFrames.overflow(current.dropped(), since, clock.instant()));
        }
        lines.forEach(p -> messages.add(p.message()));
        if (messages.isEmpty()) {
            return Outcome.IDLE;
        }
        long last = lines.isEmpty() ? current.deliveredId() : lines.getLast().id();
        // The same lines get the same frame id when a batch is sent again, so a receiver may drop repeats.
        String frameId = UUID.nameUUIDFromBytes((current.token() + ":" + current.deliveredId() + ":" + last)
                .getBytes(StandardCharsets.UTF_8)).toString();
        transport.send(messages, frameId);
        drains.delivered(dsl, current.id(), last, current.dropped());
        return lines.size() == batch ? Outcome.MORE : Outcome.IDLE;
    }

    private void become(State next, Exception cause) {
        if (next == state) {
            return;
        }
        if (next == State.FAILING) {
            LOG.warn("at=warn msg=\"log drain unreachable, retrying\" app_id={} drain_id={} error=\"{}\"",
                    drain.appId(), drain.id(), cause.getMessage());
        } else {
            LOG.info("at=info msg=\"log drain delivering again\" app_id={} drain_id={}", drain.appId(), drain.id());
        }
        state = next;
    }
}
