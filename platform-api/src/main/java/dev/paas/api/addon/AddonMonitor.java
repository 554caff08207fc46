package dev.paas.api.addon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles add-ons still provisioning: places those waiting for room and gives up those past their
 * timeout (see {@link AddonService#settle}). A pass is one indexed query when none is provisioning.
 */
public final class AddonMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AddonMonitor.class);
    private final AddonService addons;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("addon-monitor").daemon().factory());

    public AddonMonitor(AddonService addons, Duration every) {
        this.addons = addons;
        this.every = every;
    }

    public AddonMonitor start() {
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void check() {
        try {
            addons.settle();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"add-on check failed; retrying\" error=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
