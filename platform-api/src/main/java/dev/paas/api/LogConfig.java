package dev.paas.api;

import dev.paas.common.env.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long apps' logs are kept and how they are forwarded to log drains; part of {@link ApiConfig}.
 *
 * @param retentionLines    {@code PAAS_LOG_RETENTION_LINES}: lines kept per app (default 10,000; at least 1,500,
 *                          the most {@code logs -n} shows)
 * @param retentionAge      {@code PAAS_LOG_RETENTION_HOURS}: lines older than this are removed (default 168)
 * @param pruneInterval     {@code PAAS_LOG_PRUNE_INTERVAL_SECONDS}: how often retention runs (default 30)
 * @param drainBufferLines  {@code PAAS_DRAIN_BUFFER_LINES}: how far a drain may fall behind before its oldest
 *                          undelivered lines are dropped and it gets an L10 line (default 10,000)
 * @param maxDrainsPerApp   {@code PAAS_MAX_DRAINS_PER_APP} (default 5)
 * @param drainAllowPrivate {@code PAAS_DRAIN_ALLOW_PRIVATE}: allow drains to loopback and private addresses
 *                          (default false; see SECURITY.md)
 * @param drainCaFile       {@code PAAS_DRAIN_CA_FILE}: PEM certificates trusted for TLS drains besides the JVM's
 *                          own trust store; null for none
 */
public record LogConfig(int retentionLines, Duration retentionAge, Duration pruneInterval, int drainBufferLines,
                        int maxDrainsPerApp, boolean drainAllowPrivate, Path drainCaFile) {

    static LogConfig fromEnv(Env env) {
        Path ca = env.optional("PAAS_DRAIN_CA_FILE").filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            throw Env.bad("PAAS_DRAIN_CA_FILE", "a readable PEM file of CA certificates", ca.toString());
        }
        return new LogConfig(
                env.integer("PAAS_LOG_RETENTION_LINES", 10_000, 1_500, 10_000_000),
                Duration.ofHours(env.integer("PAAS_LOG_RETENTION_HOURS", 168, 1, 24 * 365)),
                env.seconds("PAAS_LOG_PRUNE_INTERVAL_SECONDS", 30, 1, 24 * 3600),
                env.integer("PAAS_DRAIN_BUFFER_LINES", 10_000, 100, 1_000_000),
                env.integer("PAAS_MAX_DRAINS_PER_APP", 5, 0, 100),
                env.bool("PAAS_DRAIN_ALLOW_PRIVATE", false),
                ca);
    }
}
