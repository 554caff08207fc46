package dev.paas.api.drain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's rsyslogd as a drain receiver: our own process in the foreground ({@code -n}) with its own config,
 * pid file and work directory, listening on a loopback TCP port (plain, or TLS with {@link TestCa}'s
 * certificate) and writing {@code HOSTNAME APP-NAME PROCID MSG} per message to a file. Never the system service.
 */
final class Rsyslog implements AutoCloseable {
    private final Path dir;
    private final boolean tls;
    private final int port;
    private Process process;

    Rsyslog(Path dir, boolean tls) throws IOException {
        this.dir = dir;
        this.tls = tls;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        var ca = TestCa.get();
        String global = tls ? "global(workDirectory=\"" + dir + "\" defaultNetstreamDriverCAFile=\"" + ca.caFile()
                + "\" defaultNetstreamDriverCertFile=\"" + ca.serverCert() + "\" defaultNetstreamDriverKeyFile=\""
                + ca.serverKey() + "\")\n"
                + "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")\n"
                : "global(workDirectory=\"" + dir + "\")\nmodule(load=\"imtcp\")\n";
        Files.writeString(dir.resolve("rsyslog.conf"), global
                + "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\")\n"
                + "template(name=\"drain\" type=\"string\" string=\"%hostname% %app-name% %procid% %msg%\\n\")\n"
                + "*.* action(type=\"omfile\" file=\"" + output() + "\" template=\"drain\")\n");
    }

    String url() {
        return (tls ? "syslog+tls" : "syslog") + "://127.0.0.1:" + port;
    }

    /** Starts rsyslogd and returns once it accepts connections. */
    Rsyslog start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/sbin/rsyslogd"))) {
            throw new IllegalStateException("rsyslogd is missing: apt-get install -y rsyslog rsyslog-gnutls");
        }
        process = new ProcessBuilder("/usr/sbin/rsyslogd", "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (var probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("rsyslogd did not start listening on " + port + ": "
                            + Files.readString(dir.resolve("rsyslogd.out")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops rsyslogd (SIGTERM, so that it writes what it received) and waits for it to exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    Path output() {
        return dir.resolve("received.log");
    }

    List<String> lines() {
        try {
            return Files.exists(output()) ? Files.readAllLines(output()) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
