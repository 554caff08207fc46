package dev.paas.agent.converge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each app on its own network, with the real engine: another tenant's one-off cannot open a
 * connection to an app's web process, neither at its network address nor at its published port,
 * while the app's own one-off can.
 */
class AppNetworkTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    /** Exits 0 if any of $TARGETS (host:port ...) accepts a connection, 3 if none does. */
    private static final String PROBE = """
            import os, socket, struct, sys
            targets = os.environ["TARGETS"].split()
            gateway = [l.split()[2] for l in open("/proc/net/route") if l.split()[1] == "00000000"][0]
            targets.append(socket.inet_ntoa(struct.pack("<L", int(gateway, 16))) + ":" + os.environ["HOST_PORT"])
            reached = []
            for t in targets:
                host, port = t.rsplit(":", 1)
                try:
                    socket.create_connection((host, int(port)), timeout=3).close()
                    reached.append(t)
                except OSError as e:
                    print("cannot reach", t, e)
            print("reached", reached)
            sys.exit(0 if reached else 3)
            """;
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String agent = "net-" + UUID.randomUUID().toString().substring(0, 8);
    private final Converger converger = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(2));

    @AfterEach
    void removeContainersAndNetworks() throws Exception {
        docker.list(Labels.AGENT + "=" + agent).forEach(c -> docker.remove(c.id()));
        docker.networks(Labels.AGENT + "=" + agent).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void another_apps_one_off_cannot_reach_a_web_process_but_the_apps_own_one_off_can() {
        var web = new DesiredInstance(new InstanceKey("tenant-a", "web", 1), 1, IMAGE,
                List.of("sh", "-c", "exec python3 -m http.server \"$PORT\""), Map.of(), "standard-1X");
        settle(List.of(web));
        Container a = docker.list(Labels.AGENT + "=" + agent).getFirst();
        var octets = a.ip().split("\\.");
        // The host's own address on a's bridge, where a published port would answer were it not on loopback.
        String aGateway = octets[0] + "." + octets[1] + "." + octets[2] + ".1";
        var env = Map.of("TARGETS", a.ip() + ":5000 " + aGateway + ":" + a.hostPort(),
                "HOST_PORT", String.valueOf(a.hostPort()));

        var intruder = oneOff("tenant-b", env);
        var own = oneOff("tenant-a", env);
        var desired = new ArrayList<>(List.of(web, intruder, own));
        Map<String, Integer> exits = runUntilExited(desired, List.of(intruder.key(), own.key()));

        assertThat(exits.get("tenant-b")).as("tenant-b's one-off reached nothing of tenant-a").isEqualTo(3);
        assertThat(exits.get("tenant-a")).as("tenant-a's one-off reached its own web process").isZero();
        assertThat(docker.networks(Labels.AGENT + "=" + agent)).containsExactlyInAnyOrder(
                converger.network("tenant-a"), converger.network("tenant-b"));
    }

    @Test
    void an_apps_network_goes_with_its_last_container_on_the_host() {
        var worker = new DesiredInstance(new InstanceKey("tenant-c", "worker", 1), 1, IMAGE, List.of("sleep", "600"),
                Map.of(), "standard-1X");
        settle(List.of(worker));
        assertThat(docker.networks(Labels.AGENT + "=" + agent)).containsExactly(converger.network("tenant-c"));

        for (int pass = 0; pass < 5 && !docker.networks(Labels.AGENT + "=" + agent).isEmpty(); pass++) {
            converger.converge(List.of());
        }

        assertThat(docker.list(Labels.AGENT + "=" + agent)).isEmpty();
        assertThat(docker.networks(Labels.AGENT + "=" + agent)).isEmpty();
    }

    private static DesiredInstance oneOff(String app, Map<String, String> env) {
        return new DesiredInstance(new InstanceKey(app, "run", 1), 1, IMAGE, List.of("python3", "-c", PROBE), env,
                "standard-1X", true);
    }

    private Map<String, Integer> runUntilExited(List<DesiredInstance> desired, List<InstanceKey> oneOffs) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            converger.converge(desired);
            var ended = converger.observe().stream()
                    .filter(o -> oneOffs.contains(o.instance().key())
                            && o.instance().state() == ActualInstance.State.EXITED).toList();
            if (ended.size() == oneOffs.size()) {
                var exits = new java.util.HashMap<String, Integer>();
                ended.forEach(o -> exits.put(o.instance().key().app(), o.exitCode()));
                return exits;
            }
        }
        throw new AssertionError("one-offs did not end within 60 s: " + converger.observe());
    }

    private void settle(List<DesiredInstance> desired) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (converger.converge(desired).isEmpty() && converger.actual().stream()
                    .allMatch(a -> a.state() == ActualInstance.State.UP)) {
                return;
            }
        }
        throw new AssertionError("not converged within 60 s: " + converger.actual());
    }
}
