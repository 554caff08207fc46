package dev.paas.api.drain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of the test run's own, made with openssl once per JVM, and a server certificate
 * it signed for 127.0.0.1 and localhost: what TLS drain receivers present and the API trusts through
 * {@code PAAS_DRAIN_CA_FILE}.
 */
public final class TestCa {
    private static TestCa instance;
    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestCa get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("paas-drain-ca");
                dir.toFile().deleteOnExit();
                var ca = new TestCa(dir);
                ca.make();
                instance = ca;
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the test CA (is openssl installed?)", e);
            }
        }
        return instance;
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    Path serverCert() {
        return dir.resolve("server.pem");
    }

    Path serverKey() {
        return dir.resolve("server.key");
    }

    private void make() throws IOException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=paas drain test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
    }

    private void openssl(String... args) throws IOException {
        var command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
