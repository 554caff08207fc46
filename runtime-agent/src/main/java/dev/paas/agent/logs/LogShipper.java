package dev.paas.agent.logs;

import dev.paas.agent.converge.ProcessLog;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import dev.paas.common.logship.BatchShipper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ships app and platform log lines to the control plane through the {@link BatchShipper} every component shares
 * (batches of up to 500 lines; while the control plane is away up to {@link #CAPACITY} lines wait, then the oldest
 * are dropped, counted, and reported once shipping resumes).
 */
public final class LogShipper implements ProcessLog, AutoCloseable {
    static final int CAPACITY = 20_000;
    private final BatchShipper<Wire.LogLine> shipper;

    public LogShipper(PlatformClient client, Supplier<UUID> agentId) {
        this.shipper = new BatchShipper<>("log-shipper", batch -> {
            try {
                client.shipLogs(agentId.get(), batch);
            } catch (ApiException e) {
                throw refusedForGood(e) ? new BatchShipper.Rejected(e.getMessage(), e) : e;
            }
        }, CAPACITY, 500);
    }

    /** A 4xx other than a timeout or throttling is the same answer however often the batch is sent. */
    static boolean refusedForGood(ApiException e) {
        return e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429;
    }

    @Override
    public void app(InstanceKey key, Instant time, String line) {
        appId(key).ifPresent(id -> shipper.offer(new Wire.LogLine(id, time, "app", key.dyno(), line)));
    }

    @Override
    public void platform(InstanceKey key, String line) {
        appId(key).ifPresent(id -> shipper.offer(new Wire.LogLine(id, Instant.now(), "heroku", key.dyno(), line)));
    }

    /** Lines of a container whose app label is no app id have no log to go to; they must not break the follow. */
    private static Optional<UUID> appId(InstanceKey key) {
        try {
            return Optional.of(UUID.fromString(key.app()));
        } catch (IllegalArgumentException notAnApp) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        shipper.close(Duration.ofSeconds(5));
    }
}
