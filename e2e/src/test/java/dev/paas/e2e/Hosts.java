package dev.paas.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Several Debian hosts on this machine, each with its own network namespace and Docker engine: containers
 * (with every capability the engine needs) of {@code paas/host:bookworm} (Debian's docker.io, iptables, iproute2, made by bin/images.sh) on
 * a bridge network of their own, with the JDK and this repository (its jars) mounted read-only. The control
 * plane runs on this side, bound to the bridge's gateway, which is the only address the hosts are given.
 * Everything carries the label {@code dev.paas.multihost=<run>} and goes in {@link #close()}.
 */
final class Hosts implements AutoCloseable {
    static final String IMAGE = System.getenv().getOrDefault("PAAS_HOST_IMAGE", "paas/host:bookworm");
    private static final String DOCKER = "/usr/bin/docker";
    private static final Duration STEP = Duration.ofMinutes(3);
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String label = "dev.paas.multihost=" + run;
    private final String network = "paas-mh-" + run;
    private final Path root = Shell.root();
    private final List<Host> hosts = new ArrayList<>();
    private String subnetPrefix;

    /** One host: its container, its name as an agent, and its address on the hosts' network. */
    record Host(String name, String container, String address) {
    }

    /** Makes the network (a /24 of 10.0.0.0/8 that no other network holds) and starts {@code count} hosts. */
    Hosts start(int count) {
        makeNetwork();
        for (int i = 1; i <= count; i++) {
            hosts.add(startHost("host-" + i, subnetPrefix + "." + (10 + i)));
        }
        return this;
    }

    List<Host> all() {
        return List.copyOf(hosts);
    }

    Host get(int index) {
        return hosts.get(index);
    }

    /** The control plane's address as the hosts see it: the bridge's gateway, an address of this machine. */
    String gateway() {
        return subnetPrefix + ".1";
    }

    private void makeNetwork() {
        // The bridge is named pmh<run>, not br-*, so bin/platform's firewall (which keeps containers on this
        // machine's Docker bridges off the platform's ports) lets these hosts reach the API, as real hosts do.
        for (int attempt = 0; attempt < 20; attempt++) {
            var random = ThreadLocalRandom.current();
            String prefix = "10." + random.nextInt(100, 250) + "." + random.nextInt(0, 256);
            // --internal: no route out of it, so the hosts' traffic stays among them and this machine
            var made = docker(Duration.ofMinutes(1), "network", "create", "--driver", "bridge", "--internal",
                    "--label", label,
                    "--subnet", prefix + ".0/24", "--gateway", prefix + ".1",
                    "-o", "com.docker.network.bridge.name=pmh" + run, network);
            if (made.code() == 0) {
                subnetPrefix = prefix;
                return;
            }
            if (!made.output().contains("overlap")) {
                made.orFail("docker network create " + network);
            }
        }
        throw new AssertionError("no free /24 under 10.0.0.0/8 for the hosts' network after 20 tries");
    }

    private Host startHost(String name, String address) {
        String container = network + "-" + name;
        String volume = container + "-docker";
        docker(Duration.ofMinutes(1), "volume", "create", "--label", label, volume).orFail("docker volume create");
        Path jdk = Path.of(System.getProperty("java.home"));
        // What --privileged gives, without asking for capabilities this machine's own bounding set may lack
        // (CAP_SYS_RESOURCE here, which makes --privileged fail): the inner engine needs the rest.
        docker(STEP, "run", "-d", "--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE",
                "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined",
                "--security-opt", "systempaths=unconfined", "--cgroupns", "private",
                "--name", container, "--hostname", name, "--label", label,
                "--network", network, "--ip", address,
                // the inner engine's overlay2 needs a real filesystem under it, not the container's overlay
                "-v", volume + ":/var/lib/docker",
                "-v", jdk + ":/usr/lib/jvm/paas-jdk:ro",
                "-v", root + ":/opt/paas:ro",
                IMAGE, "sleep", "infinity").orFail("docker run " + container);
        var host = new Host(name, container, address);
        // The inner engine makes cgroups (memory and pid limits) under its own namespace's root, which Docker
        // mounts read-only. cgroup v1: each hierarchy is mounted again, writable; v2: the root is made writable
        // and this namespace's processes move to a child, since controllers are only enabled for a cgroup's
        // children when it holds no processes itself.
        exec(host, Map.of(), "sh", "-c", """
                mount -o remount,rw /sys
                if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
                    mount -o remount,rw /sys/fs/cgroup
                    mkdir -p /sys/fs/cgroup/init
                    xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true
                    sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers > /sys/fs/cgroup/cgroup.subtree_control
                else
                    for d in /sys/fs/cgroup/*; do
                        [ -d "$d" ] || continue
                        o=${d##*/}
                        [ "$o" != systemd ] || o=none,name=systemd
                        umount "$d" && mount -t cgroup -o "$o" cgroup "$d"
                    done
                fi
                """).orFail("cgroup set-up in " + name);
        return host;
    }

    /** {@code bin/platform join} inside the host, with these variables for its agent (and router). */
    Shell.Result join(Host host, String apiUrl, String token, Map<String, String> env, String... flags) {
        var command = new ArrayList<>(List.of("bash", "/opt/paas/bin/platform", "join", "--api", apiUrl,
                "--token", token, "--name", host.name(), "--address", host.address()));
        command.addAll(List.of(flags));
        return exec(host, env, command.toArray(String[]::new));
    }

    /** Runs a command in the host (as root, in its namespaces), to its end. */
    Shell.Result exec(Host host, Map<String, String> env, String... command) {
        var args = new ArrayList<>(List.of("exec"));
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(host.container());
        args.addAll(List.of(command));
        return docker(STEP, args.toArray(String[]::new));
    }

    /** The host stops answering and working as a whole (processes frozen, off the network), as a lost host does. */
    void lose(Host host) {
        docker(Duration.ofMinutes(1), "network", "disconnect", "--force", network, host.container())
                .orFail("disconnecting " + host.name());
        docker(Duration.ofMinutes(1), "pause", host.container()).orFail("pausing " + host.name());
    }

    /** The lost host comes back as it was: same address, same processes, which carry on from where they were. */
    void bringBack(Host host) {
        docker(Duration.ofMinutes(1), "network", "connect", "--ip", host.address(), network, host.container())
                .orFail("reconnecting " + host.name());
        docker(Duration.ofMinutes(1), "unpause", host.container()).orFail("unpausing " + host.name());
    }

    /**
     * The host's firewall drops every packet it sends to the control plane's port (the API): its agent is cut
     * off, while its processes still answer routers (their replies go to other ports).
     */
    void cutOff(Host host, int apiPort) {
        firewall(host, "-I", apiPort);
    }

    void reconnect(Host host, int apiPort) {
        firewall(host, "-D", apiPort);
    }

    private void firewall(Host host, String op, int port) {
        var rule = new ArrayList<>(List.of("iptables", "-w", op, "OUTPUT"));
        if (op.equals("-I")) {
            rule.add("1");
        }
        rule.addAll(List.of("-d", gateway(), "-p", "tcp", "--dport", String.valueOf(port), "-j", "DROP"));
        exec(host, Map.of(), rule.toArray(String[]::new)).orFail("iptables " + op + " in " + host.name());
    }

    /** Copies a file of this machine into the host. */
    void copy(Host host, Path file, String to) {
        docker(Duration.ofMinutes(1), "cp", file.toString(), host.container() + ":" + to).orFail("docker cp " + file);
    }

    /** The ids of the app containers the host's engine runs now (of its agent). */
    List<String> running(Host host) {
        return exec(host, Map.of(), "docker", "ps", "-q", "--filter", "label=paas.agent=" + host.name())
                .orFail("docker ps in " + host.name()).output().lines().filter(l -> !l.isBlank()).toList();
    }

    private static Shell.Result docker(Duration timeout, String... args) {
        var command = new ArrayList<>(List.of(DOCKER));
        command.addAll(List.of(args));
        return Shell.run(Path.of("/"), Map.of(), timeout, command);
    }

    @Override
    public void close() {
        for (var host : hosts) {
            docker(Duration.ofMinutes(1), "unpause", host.container());
        }
        var ids = docker(Duration.ofMinutes(1), "ps", "-aq", "--filter", "label=" + label).output().lines()
                .filter(l -> !l.isBlank()).toList();
        if (!ids.isEmpty()) {
            var rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(ids);
            docker(Duration.ofMinutes(3), rm.toArray(String[]::new));
        }
        docker(Duration.ofMinutes(1), "network", "rm", network);
        var volumes = docker(Duration.ofMinutes(1), "volume", "ls", "-q", "--filter", "label=" + label).output()
                .lines().filter(l -> !l.isBlank()).toList();
        if (!volumes.isEmpty()) {
            var rm = new ArrayList<>(List.of("volume", "rm", "-f"));
            rm.addAll(volumes);
            docker(Duration.ofMinutes(3), rm.toArray(String[]::new));
        }
    }
}
