package dev.paas.agent.container;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The real engine, except that it fails the way Docker fails while told to: the exceptions are
 * the ones docker-java throws for those failures, translated as the real runtime translates them.
 */
public final class FlakyEngine implements ContainerRuntime {
    private final ContainerRuntime real;
    private volatile String failingApp;
    private volatile RuntimeException startError;
    private final AtomicInteger failingLists = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();
    private volatile Duration slowLists = Duration.ZERO;

    public FlakyEngine(ContainerRuntime real) {
        this.real = real;
    }

    /** What the engine answers when the published port is taken by something else on the host. */
    public static RuntimeException portTaken() {
        return new InternalServerErrorException("Status 500: {\"message\":\"driver failed programming external "
                + "connectivity on endpoint paas-x (0123abcd): Bind for 127.0.0.1:5000 failed: port is already "
                + "allocated\"}\n");
    }

    /** What docker-java throws while the engine's socket refuses connections (a restarting daemon). */
    public static RuntimeException unreachable() {
        return new RuntimeException(new java.io.IOException("com.sun.jna.LastErrorException: [111] Connection refused"));
    }

    /** Each listing takes {@code delay} first, as an engine under heavy load does: every pass is that slow. */
    public void slowLists(Duration delay) {
        this.slowLists = delay;
    }

    /** Starts of {@code appLabel}'s processes (every start when null) fail with {@code error}. */
    public void failStarts(String appLabel, RuntimeException error) {
        this.failingApp = appLabel;
        this.startError = error;
    }

    /** The next {@code lists} listings fail as if the engine were away. */
    public void failLists(int lists) {
        failingLists.set(lists);
    }

    /** How often the containers were listed so far. */
    public int lists() {
        return lists.get();
    }

    public void heal() {
        startError = null;
        failingLists.set(0);
    }

    @Override
    public String start(ContainerSpec spec) {
        var error = startError;
        if (error != null && (failingApp == null || failingApp.equals(spec.labels().get("paas.app")))) {
            throw EngineErrors.translate(error, spec);
        }
        return real.start(spec);
    }

    @Override
    public List<Container> list(String label) {
        lists.incrementAndGet();
        if (slowLists.isPositive()) {
            try {
                Thread.sleep(slowLists);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failingLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw EngineErrors.translate(unreachable(), null);
        }
        return real.list(label);
    }

    @Override
    public void stop(String id, Duration grace) {
        real.stop(id, grace);
    }

    @Override
    public void remove(String id) {
        real.remove(id);
    }

    @Override
    public Container inspect(String id) {
        return real.inspect(id);
    }

    @Override
    public java.util.Optional<Integer> exec(String id, String user, List<String> command, Duration timeout) {
        return real.exec(id, user, command, timeout);
    }

    @Override
    public void ensureNetwork(String name, Map<String, String> labels) {
        real.ensureNetwork(name, labels);
    }

    @Override
    public List<String> networks(String label) {
        return real.networks(label);
    }

    @Override
    public void removeNetwork(String name) {
        real.removeNetwork(name);
    }

    @Override
    public LogFollow followLogs(String id, Instant since, BiConsumer<Instant, String> onLine) {
        return real.followLogs(id, since, onLine);
    }
}
