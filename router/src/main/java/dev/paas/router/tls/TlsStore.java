package dev.paas.router.tls;

import dev.paas.client.Wire;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates the HTTPS listener serves by SNI. Each refresh builds a new {@link TlsTable} and
 * swaps it in at once: handshakes after it see the new certificates, connections already up keep
 * their session. A certificate that cannot be served is left out, with a log line; the rest still are.
 */
public final class TlsStore implements Mapping<String, SslContext>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsStore.class);
    private final TlsSource source;
    private final TlsContexts contexts;
    private final AtomicReference<TlsTable> table;
    private final ScheduledExecutorService timer;
    // Contexts already built, by their PEM: a refresh that changes nothing builds nothing. Only the refresh thread.
    private Map<Pem, SslContext> built = Map.of();

    private record Pem(String chain, String key) {
    }

    /** Reads the default certificate, which must be servable: the router does not start without it. */
    public TlsStore(TlsSource source, TlsContexts contexts, Path certFile, Path keyFile) {
        this.source = source;
        this.contexts = contexts;
        SslContext fallback;
        try {
            fallback = contexts.build(Files.readString(certFile, StandardCharsets.US_ASCII),
                    Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("PAAS_ROUTER_TLS_CERT " + certFile + " or PAAS_ROUTER_TLS_KEY " + keyFile
                    + " cannot be read: " + e);
        } catch (TlsContexts.BadCertificateException e) {
            throw new IllegalArgumentException("PAAS_ROUTER_TLS_CERT " + certFile + " with PAAS_ROUTER_TLS_KEY "
                    + keyFile + " cannot be served: " + e.getMessage());
        }
        this.table = new AtomicReference<>(new TlsTable(Map.of(), Map.of(), fallback, Map.of(), Map.of()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "tls-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Fetches the feed now (so that the first handshakes see it), then every {@code every}. */
    public TlsStore start(Duration every) {
        refreshQuietly();
        timer.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a refresh soon, off the caller's thread (the event stream's). */
    public void changed() {
        if (!timer.isShutdown()) {
            timer.execute(this::refreshQuietly);
        }
    }

    public TlsTable table() {
        return table.get();
    }

    @Override
    public SslContext map(String serverName) {
        return table.get().select(serverName);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"TLS feed unavailable; serving the last certificates\" error=\"{}\"",
                    e.getMessage());
        }
    }

    /** Fetches the feed and swaps the table; synchronized, as the timer and tests may both call it. */
    public synchronized void refresh() {
        apply(source.fetch());
    }

    private void apply(Wire.RouterTls feed) {
        var exact = new HashMap<String, SslContext>();
        var wildcard = new HashMap<String, SslContext>();
        var nowBuilt = new HashMap<Pem, SslContext>();
        for (Wire.TlsCertificate cert : Objects.requireNonNullElse(feed.certificates(), List.<Wire.TlsCertificate>of())) {
            var pem = new Pem(cert.certificateChainPem(), cert.privateKeyPem());
            SslContext ctx = built.get(pem);
            if (ctx == null) {
                try {
                    ctx = contexts.build(pem.chain(), pem.key());
                } catch (RuntimeException e) { // BadCertificateException, or anything else odd in one entry
                    LOG.warn("at=warn msg=\"certificate skipped\" certificate_id={} hostnames=\"{}\" error=\"{}\"",
                            cert.id(), cert.hostnames(), e.getMessage());
                    continue;
                }
            }
            nowBuilt.put(pem, ctx);
            for (String hostname : Objects.requireNonNullElse(cert.hostnames(), List.<String>of())) {
                String name = hostname.toLowerCase(Locale.ROOT);
                if (name.startsWith("*.")) {
                    wildcard.put(name.substring(2), ctx);
                } else {
                    exact.put(name, ctx);
                }
            }
        }
        var policies = new HashMap<UUID, Wire.HttpsPolicy>();
        for (Wire.HttpsPolicy policy : Objects.requireNonNullElse(feed.policies(), List.<Wire.HttpsPolicy>of())) {
            policies.put(policy.appId(), policy);
        }
        var challenges = feed.acmeChallenges() == null ? Map.<String, String>of() : Map.copyOf(feed.acmeChallenges());
        built = nowBuilt;
        TlsTable old = table.getAndSet(new TlsTable(Map.copyOf(exact), Map.copyOf(wildcard), table.get().fallback(),
                challenges, Map.copyOf(policies)));
        if (!old.exact().equals(exact) || !old.wildcard().equals(wildcard)) {
            LOG.info("at=info msg=\"certificates applied\" hostnames={} wildcards={}", exact.size(), wildcard.size());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
