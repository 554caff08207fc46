package dev.paas.router.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority made with the openssl command line (as bin/platform makes the local
 * one), and certificates it signs for given hostnames: EC P-256, PKCS#8 keys, valid two days.
 */
public final class TestCerts {
    private final Path dir;
    private final Path caKey;
    private final Path caCert;

    /** A certificate (leaf, then the CA) and its key, as PEM, and the leaf parsed. */
    public record Issued(String chainPem, String keyPem, X509Certificate leaf, Path chainFile, Path keyFile) {
    }

    public TestCerts(Path dir) {
        this.dir = dir;
        this.caKey = dir.resolve("ca.key");
        this.caCert = dir.resolve("ca.crt");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2", "-subj", "/CN=paas test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    public Issued issue(String... hostnames) {
        String name = UUID.randomUUID().toString();
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        var san = new ArrayList<String>();
        for (String h : hostnames) {
            san.add("DNS:" + h);
        }
        try {
            Files.writeString(ext, "subjectAltName=" + String.join(",", san) + "\nextendedKeyUsage=serverAuth\n"
                    + "basicConstraints=CA:FALSE\n");
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
            openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + hostnames[0], "-out", csr.toString());
            openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                    "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                    "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
            String chain = Files.readString(cert) + Files.readString(caCert);
            Path chainFile = dir.resolve(name + ".chain.crt");
            Files.writeString(chainFile, chain);
            return new Issued(chain, Files.readString(key), parse(Files.readString(cert)), chainFile, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caFile() {
        return caCert;
    }

    /** A client context that trusts this CA only. */
    public SSLContext clientContext() {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", parse(Files.readString(caCert)));
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs openssl; returns its exit code; with {@code check}, fails on a non-zero one. */
    public static int openssl(String... args) {
        return run(true, null, args);
    }

    public static int run(boolean check, Path output, String... args) {
        var command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            var pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Path out = output != null ? output : Files.createTempFile("openssl", ".out");
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl " + args[0] + " did not finish in 30 s");
            }
            if (check && p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(out));
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
