package dev.paas.api.acme;

import dev.paas.api.cert.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Let's Encrypt's test CA, Debian's {@code pebble}, on loopback: its directory over HTTPS with a certificate of a
 * CA made here ({@link #caFile()}), and {@code pebble-challtestsrv} as its DNS server, answering 127.0.0.1 for every
 * name unless told otherwise. Pebble validates HTTP-01 challenges on {@code challengePort}.
 */
final class Pebble implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final int port;
    private final int dnsManagementPort;

    private Pebble(Path dir, int port, int dnsManagementPort) {
        this.dir = dir;
        this.port = port;
        this.dnsManagementPort = dnsManagementPort;
    }

    static Pebble start(Path dir, int challengePort) throws Exception {
        installIfMissing();
        var ca = TestCertificates.ca("Pebble listener test CA");
        var listener = TestCertificates.site(ca, "localhost");
        Files.writeString(dir.resolve("ca.pem"), ca.certPem());
        Files.writeString(dir.resolve("cert.pem"), listener.certPem() + ca.certPem());
        Files.writeString(dir.resolve("key.pem"), listener.keyPem());
        int port = freePort();
        int dnsPort = freePort();
        int dnsManagement = freePort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(port, freePort(), dir.resolve("cert.pem"), dir.resolve("key.pem"), challengePort,
                freePort()));
        var pebble = new Pebble(dir, port, dnsManagement);
        try {
            pebble.run("challtestsrv", List.of("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort, "-http01", "",
                    "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + dnsManagement,
                    "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""));
            awaitListening(dnsManagement);
            pebble.run("pebble", List.of("pebble", "-config", dir.resolve("pebble.json").toString(), "-dnsserver",
                    "127.0.0.1:" + dnsPort));
            awaitListening(port);
        } catch (Exception e) {
            pebble.close();
            throw e;
        }
        return pebble;
    }

    String directoryUrl() {
        return "https://localhost:" + port + "/dir";
    }

    Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** Makes {@code host} resolve to {@code address} for pebble's validation. */
    void resolve(String host, String address) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dnsManagementPort
                + "/add-a")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"host\":\"" + host + ".\",\"addresses\":[\"" + address + "\"]}")).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("challtestsrv add-a: " + response.statusCode() + " " + response.body());
            }
        }
    }

    private void run(String name, List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        var process = builder.start();
        process.getOutputStream().close();
        processes.add(process);
    }

    String log(String name) throws IOException {
        var file = dir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void installIfMissing() throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/pebble")) && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"))) {
            return;
        }
        var install = new ProcessBuilder("apt-get", "install", "-y", "pebble").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        var process = install.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("apt-get install -y pebble failed: install Debian's pebble package");
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after 30 s");
    }

    @Override
    public void close() {
        for (var process : processes) {
            process.destroy();
        }
        for (var process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
