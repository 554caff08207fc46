package dev.paas.agent.converge;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.ContainerFailure;
import dev.paas.agent.container.ContainerRuntime;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.InstanceKey;
import dev.paas.client.DynoSize;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads this agent's containers (by label) as instances. It only looks: what to do about what it
 * finds is the diff's to decide. A web container is {@code UP} once its process accepts connections.
 */
final class Observer {
    static final int CONTAINER_PORT = 5000;
    private final ContainerRuntime runtime;
    private final String agent;
    /** Why the agent killed a container: its exit code alone would not say. */
    private final Map<String, String> killedFor = new HashMap<>();

    Observer(ContainerRuntime runtime, String agent) {
        this.runtime = runtime;
        this.agent = agent;
    }

    List<Observed> observe() {
        return runtime.list(Labels.AGENT + "=" + agent).stream()
                .flatMap(c -> Labels.key(c.labels()).stream().map(key -> observed(key, c)))
                .toList();
    }

    /** One container just acted on, read again for the report; empty if the engine cannot say. */
    Optional<Observed> observe(String id) {
        try {
            var c = runtime.inspect(id);
            return Labels.key(c.labels()).map(key -> observed(key, c));
        } catch (ContainerFailure notNow) {
            return Optional.empty(); // the next pass reports it
        }
    }

    void killed(String id, String reason) {
        killedFor.put(id, reason);
    }

    /** Forgets the containers that are gone. */
    void retain(Set<String> ids) {
        killedFor.keySet().retainAll(ids);
    }

    private Observed observed(InstanceKey key, Container c) {
        ActualInstance.State state = state(key, c);
        return new Observed(new ActualInstance(c.id(), key, Labels.release(c.labels()), state,
                Labels.generation(c.labels()), c.startedAt()), c.hostPort(), c.exitCode(),
                state == ActualInstance.State.EXITED ? reason(c) : null,
                state == ActualInstance.State.EXITED && c.finishedAt() != null ? c.finishedAt() : c.startedAt(), c.ip());
    }

    private String reason(Container c) {
        if (killedFor.containsKey(c.id())) {
            return killedFor.get(c.id());
        }
        if (c.oomKilled()) {
            var size = DynoSize.of(c.labels().getOrDefault(Labels.SIZE, ""));
            return "out of memory (R15: killed at its " + size.map(s -> s.memoryMb() + " MB ").orElse("")
                    + "memory limit)";
        }
        return c.error();
    }

    private static ActualInstance.State state(InstanceKey key, Container c) {
        if (!c.running()) {
            return ActualInstance.State.EXITED;
        }
        if (!key.web()) {
            return ActualInstance.State.UP;
        }
        // The process itself must accept, on its own address: the engine's port proxy on the
        // published host port accepts connections even when nothing listens behind it.
        return c.hostPort() != null && c.ip() != null && accepts(c.ip(), CONTAINER_PORT)
                ? ActualInstance.State.UP : ActualInstance.State.STARTING;
    }

    private static boolean accepts(String ip, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
