package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The platform's own ports as app containers see them: rejected by the host's firewall, whatever runs them. */
final class PlatformPorts {
    private static final String DOCKER = "/usr/bin/docker";
    private static final String STACK_IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");

    private PlatformPorts() {}

    /**
     * From a container on the default bridge and on a network of its own, each of the platform's ports is
     * closed while another port of the host, listening on all addresses, is open.
     */
    static void assertContainersReachOnlyOtherHostPorts(LocalPlatform platform) throws Exception {
        var env = of(platform);
        String network = "paas-hosttest-" + UUID.randomUUID().toString().substring(0, 8);
        docker("network", "create", "--label", "paas.test=hosttest", network).orFail("network create");
        try (var control = portNoFirewallRuleCovers()) {
            var accepter = Thread.ofVirtual().start(() -> {
                while (!control.isClosed()) {
                    try {
                        control.accept().close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            for (String net : List.of("bridge", network)) {
                var ports = new ArrayList<>(env.values());
                ports.add(String.valueOf(control.getLocalPort()));
                var probe = docker(Stream.concat(Stream.of("run", "--rm", "--network", net, "--label",
                        "paas.test=hosttest", STACK_IMAGE, "python3", "-c", PROBE), ports.stream())
                        .toArray(String[]::new)).orFail("probe on " + net);
                assertThat(probe.output()).as("from a container on " + net)
                        .contains("port " + control.getLocalPort() + " open");
                env.forEach((name, port) -> assertThat(probe.output()).as(name + " from a container on " + net)
                        .contains("port " + port + " closed"));
            }
            control.close();
            accepter.join(Duration.ofSeconds(5));
        } finally {
            docker("network", "rm", network);
        }
    }

    static Map<String, String> of(LocalPlatform platform) {
        var ports = new java.util.LinkedHashMap<String, String>();
        ports.put("API", String.valueOf(java.net.URI.create(platform.apiUrl()).getPort()));
        ports.put("builder", String.valueOf(java.net.URI.create(platform.gitUrl()).getPort()));
        ports.put("router admin", platform.setting("PAAS_ROUTER_ADMIN_PORT"));
        ports.put("agent health", platform.setting("PAAS_AGENT_HEALTH_PORT"));
        ports.put("registry", platform.setting("PAAS_REGISTRY_PORT"));
        ports.put("Postgres", "5432");
        return ports;
    }

    /** The ports the platform has the host reject from containers (its rules carry its run directory's tag). */
    static List<String> firewalled(LocalPlatform platform) throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-1")
                .digest(platform.runDir().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String tag = "paas-" + java.util.HexFormat.of().formatHex(sha).substring(0, 12);
        var rules = new ProcessBuilder("iptables", "-w", "-S", "PAAS-PLATFORM").redirectErrorStream(true).start();
        String chain = new String(rules.getInputStream().readAllBytes());
        assertThat(rules.waitFor()).as(chain).isZero();
        return chain.lines().filter(line -> line.contains("--comment " + tag + " "))
                .map(line -> line.replaceAll(".*--dport (\\d+) .*", "$1")).toList();
    }

    /**
     * A socket on all addresses whose port no platform on this host has its firewall reject: other
     * platforms (earlier tests', an operator's) keep their rules while they run, and an ephemeral port
     * may be one of theirs.
     */
    private static ServerSocket portNoFirewallRuleCovers() throws Exception {
        var rules = new ProcessBuilder("iptables", "-w", "-S", "PAAS-PLATFORM").redirectErrorStream(true).start();
        String chain = new String(rules.getInputStream().readAllBytes());
        rules.waitFor();
        for (int attempt = 0; attempt < 50; attempt++) {
            var socket = new ServerSocket();
            socket.bind(new InetSocketAddress("0.0.0.0", 0));
            if (!chain.contains("--dport " + socket.getLocalPort() + " ")) {
                return socket;
            }
            socket.close();
        }
        throw new AssertionError("every port tried is rejected by a firewall rule:\n" + chain);
    }

    /** Connects to each port on the host as the container sees it: its default route's gateway. */
    private static final String PROBE = """
            import socket, struct, sys
            with open("/proc/net/route") as routes:
                default = next(l.split() for l in routes if l.split()[1] == "00000000")
            host = socket.inet_ntoa(struct.pack("<L", int(default[2], 16)))
            print("host", host)
            for port in sys.argv[1:]:
                try:
                    socket.create_connection((host, int(port)), 3).close()
                    print("port", port, "open")
                except OSError:
                    print("port", port, "closed")
            """;

    private static Shell.Result docker(String... args) {
        var command = new ArrayList<>(List.of(DOCKER));
        command.addAll(List.of(args));
        return Shell.run(Path.of("/"), Map.of(), Duration.ofMinutes(2), command);
    }
}
