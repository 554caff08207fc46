package dev.paas.allinone;

import dev.paas.allinone.log.ComponentTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components started one after the other in one process and stopped newest first: a component
 * that fails to start stops the ones before it, so the process holds all of them or none.
 */
final class Lineup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lineup.class);
    private final List<Started> started;
    private final Duration stopBudget;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One component: its name (its log tag) and how it starts; what it returns stops it. */
    record Component(String name, Start start) {
    }

    @FunctionalInterface
    interface Start {
        AutoCloseable start() throws Exception;
    }

    /** A component that did not start; the ones before it are stopped by then. */
    static final class StartFailure extends Exception {
        private final String component;

        StartFailure(String component, Exception cause) {
            super(component + " failed to start: " + cause.getMessage(), cause);
            this.component = component;
        }

        String component() {
            return component;
        }
    }

    private record Started(String name, AutoCloseable handle) {
    }

    /** The started components' names, in start order, comma-separated (for the log). */
    String names() {
        return String.join(",", started.stream().map(Started::name).toList());
    }

    private Lineup(List<Started> started, Duration stopBudget) {
        this.started = started;
        this.stopBudget = stopBudget;
    }

    /**
     * Starts each component in order, each with its threads tagged by its name. {@code stopBudget}: how long
     * stopping them all may take, on failure here as on {@link #close()}.
     */
    static Lineup start(List<Component> components, Duration stopBudget) throws StartFailure {
        var lineup = new Lineup(new ArrayList<>(), stopBudget);
        for (var component : components) {
            try {
                var handle = ComponentTag.within(component.name(), component.start()::start);
                lineup.started.add(new Started(component.name(), handle));
                LOG.info("at=info msg=\"started\" component={}", component.name());
            } catch (Exception e) {
                LOG.error("at=error msg=\"failed to start; stopping the others\" component={} error=\"{}\"",
                        component.name(), e.getMessage(), e);
                lineup.close();
                throw new StartFailure(component.name(), e);
            }
        }
        return lineup;
    }

    /**
     * Stops the components newest first, each on a thread of its own so that one that overruns what is
     * left of the budget is left behind (the process is ending) rather than keeping the others running.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + stopBudget.toNanos();
        for (int i = started.size() - 1; i >= 0; i--) {
            var component = started.get(i);
            var stopper = Thread.ofPlatform().name("stop-" + component.name()).daemon().unstarted(() -> {
                try {
                    ComponentTag.within(component.name(), () -> {
                        component.handle().close();
                        return null;
                    });
                } catch (Exception e) {
                    LOG.warn("at=warn msg=\"error while stopping\" component={} error=\"{}\"", component.name(),
                            e.getMessage(), e);
                }
            });
            stopper.start();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!stopper.join(Duration.ofNanos(left).plusMillis(1))) {
                    LOG.warn("at=warn msg=\"still stopping when the stop budget ran out; left behind\" component={} "
                            + "budget_s={}", component.name(), stopBudget.toSeconds());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.info("at=info msg=\"stopped\" component={} left_ms={}", component.name(),
                    TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
