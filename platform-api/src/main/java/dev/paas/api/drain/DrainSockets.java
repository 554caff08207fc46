package dev.paas.api.drain;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Connections to drains: to addresses {@link DrainPolicy} allows (resolved once, then connected to as
 * resolved), with TLS verified against the JVM's trust store plus {@code PAAS_DRAIN_CA_FILE}, and with
 * timeouts on connect, read and write, so that a drain that stops answering holds only its own thread.
 */
final class DrainSockets {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(15);
    private final DrainPolicy policy;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService timeouts;

    DrainSockets(DrainPolicy policy, Path caFile, ScheduledExecutorService timeouts) {
        this.policy = policy;
        this.tls = context(caFile).getSocketFactory();
        this.timeouts = timeouts;
    }

    Socket open(DrainUrl url) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = policy.addresses(url.host(), url.port());
        } catch (DrainPolicy.Refused e) {
            throw new IOException("refused: " + e.getMessage());
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            var socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, url.port()), (int) CONNECT_TIMEOUT.toMillis());
                socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                if (!url.scheme().tls) {
                    return socket;
                }
                var secure = (SSLSocket) tls.createSocket(socket, url.host(), url.port(), true);
                var params = secure.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(params);
                secure.startHandshake();
                return secure;
            } catch (IOException e) {
                close(socket);
                last = e;
            }
        }
        throw last;
    }

    /** Writes all of {@code bytes}, closing the socket (so that the write fails) if it takes too long. */
    void write(Socket socket, byte[] bytes) throws IOException {
        ScheduledFuture<?> guard = timeouts.schedule(() -> close(socket), IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            var out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } finally {
            guard.cancel(false);
        }
    }

    /**
     * Whether the receiver has closed the connection: a syslog receiver never writes, so end of stream (or
     * an error) on a read that would otherwise time out at once says the connection is gone. Writing to it
     * anyway would hand the lines to a socket nobody reads.
     */
    static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            } catch (IOException ignored) {
                // a socket this broken fails its next write, which is handled there
            }
        }
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private static SSLContext context(Path caFile) {
        try {
            var defaults = trustManager(null);
            var context = SSLContext.getInstance("TLS");
            TrustManager trust = caFile == null ? defaults : new Either(defaults, trustManager(caStore(caFile)));
            context.init(null, new TrustManager[]{trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for log drains (PAAS_DRAIN_CA_FILE=" + caFile + "): "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore caStore(Path caFile) throws GeneralSecurityException, IOException {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("drain-ca-" + i++, cert);
            }
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts what either trust manager trusts; the TLS socket checks the host name on top. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            var all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
