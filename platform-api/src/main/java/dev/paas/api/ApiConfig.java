package dev.paas.api;

import dev.paas.common.env.Env;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the control plane is configured with, read from the environment in one place.
 *
 * @param jdbcUrl        from {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db} or a JDBC URL)
 * @param bind           {@code PAAS_API_BIND}: the address to listen on; loopback by default, so that app and
 *                       build containers cannot reach the control plane (a multi-host install names an
 *                       address its agents reach, and firewalls it from containers)
 * @param port           {@code PORT}, 0 for any free port
 * @param domain         {@code PAAS_DOMAIN}: apps get {@code <app>.<domain>} as their default hostname
 * @param gitUrl         {@code PAAS_GIT_URL}: where the builder takes pushes; apps' git_url is below it
 * @param routerUrl      {@code PAAS_ROUTER_URL}: scheme and port of apps' web_url
 * @param maxBodyBytes   {@code PAAS_MAX_BODY_BYTES}: larger request bodies are refused with 413
 * @param dbPoolSize     {@code DATABASE_POOL_SIZE}
 * @param agentTimeoutSeconds {@code PAAS_AGENT_TIMEOUT_SECONDS}: an agent silent this long is lost
 * @param releasePhaseTimeoutSeconds {@code PAAS_RELEASE_PHASE_TIMEOUT_SECONDS}: a release command still running
 *                       this long is stopped and its release fails (default 1800, as Heroku's limit)
 * @param maxStreamsPerUser {@code PAAS_MAX_STREAMS_PER_USER}: log tails and event streams one user may hold
 *                       open at once (default 20); more are refused with 429
 * @param maxAddonsPerUser {@code PAAS_MAX_ADDONS_PER_USER}: live add-ons one (non-admin) user may have created
 *                       (default 10), so that one user cannot fill the hosts with containers and volumes
 * @param addonProvisionTimeoutSeconds {@code PAAS_ADDON_PROVISION_TIMEOUT_SECONDS}: an add-on still provisioning
 *                       this long after its creation is given up, with no attachment and no release (default 300)
 * @param backupDir      {@code PAAS_BACKUP_DIR}: where Postgres add-ons' backups (dumps) are kept; made on first use
 * @param backupTimeoutSeconds {@code PAAS_BACKUP_TIMEOUT_SECONDS}: a capture or restore unfinished this long
 *                       after it started fails (its agent was lost, say), so none stays running for good
 * @param backupManualLimit {@code PAAS_BACKUP_MANUAL_LIMIT}: manual backups one add-on keeps at most (default 10;
 *                       scheduled ones have their own retention), so no user fills the platform's disk with dumps
 * @param secretsKey     {@code PAAS_SECRETS_KEY}: base64 of 32 bytes, the AES-GCM key that seals certificates'
 *                       private keys at rest; without it, certificates cannot be added
 * @param acme           {@code PAAS_ACME_*}: where automatic certificates come from
 * @param logs           log retention and log drains (see {@link LogConfig})
 * @param imageRetainReleases {@code PAAS_IMAGE_RETAIN_RELEASES}: the builder keeps in the registry only the images
 *                       of an app's last this many releases (the same variable); a rollback to an older one is
 *                       refused, since its image is gone
 */
public record ApiConfig(String jdbcUrl, String dbUser, String dbPassword, String bind, int port, String domain, URI gitUrl,
                        URI routerUrl, long maxBodyBytes, int dbPoolSize, int agentTimeoutSeconds,
                        int releasePhaseTimeoutSeconds, int maxStreamsPerUser, int maxAddonsPerUser,
                        int addonProvisionTimeoutSeconds, java.nio.file.Path backupDir, int backupTimeoutSeconds,
                        int backupManualLimit,
                        java.util.Optional<byte[]> secretsKey, dev.paas.api.acme.AcmeConfig acme,
                        LogConfig logs, int imageRetainReleases) {

    public static ApiConfig fromEnv(Map<String, String> vars) {
        var env = new Env(vars);
        var db = DatabaseUrl.parse(env.required("DATABASE_URL",
                "give the Postgres URL, e.g. postgres://paas:paas@127.0.0.1:5432/paas"));
        String domain = env.string("PAAS_DOMAIN", "localhost").toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw Env.bad("PAAS_DOMAIN", "a DNS name such as example.com", domain);
        }
        return new ApiConfig(db.jdbcUrl(), db.user(), db.password(),
                env.string("PAAS_API_BIND", "127.0.0.1"),
                env.port("PORT", 5000),
                domain,
                env.url("PAAS_GIT_URL", "http://127.0.0.1:5001"),
                env.url("PAAS_ROUTER_URL", "http://" + domain + ":8080"),
                env.integer("PAAS_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20),
                env.integer("DATABASE_POOL_SIZE", 10, 1, 200),
                (int) env.seconds("PAAS_AGENT_TIMEOUT_SECONDS", 30, 2, 3600).toSeconds(),
                (int) env.seconds("PAAS_RELEASE_PHASE_TIMEOUT_SECONDS", 1800, 1, 24 * 3600).toSeconds(),
                env.integer("PAAS_MAX_STREAMS_PER_USER", 20, 1, 100_000),
                env.integer("PAAS_MAX_ADDONS_PER_USER", 10, 0, 10_000),
                (int) env.seconds("PAAS_ADDON_PROVISION_TIMEOUT_SECONDS", 300, 10, 24 * 3600).toSeconds(),
                java.nio.file.Path.of(env.string("PAAS_BACKUP_DIR", "/var/lib/paas/backups")).toAbsolutePath(),
                (int) env.seconds("PAAS_BACKUP_TIMEOUT_SECONDS", 6 * 3600, 10, 7 * 24 * 3600).toSeconds(),
                env.integer("PAAS_BACKUP_MANUAL_LIMIT", 10, 1, 1000),
                env.optional("PAAS_SECRETS_KEY").map(ApiConfig::secretsKey),
                dev.paas.api.acme.AcmeConfig.fromEnv(env),
                LogConfig.fromEnv(env),
                env.integer("PAAS_IMAGE_RETAIN_RELEASES", 10, 1, 1000));
    }

    private static byte[] secretsKey(String base64) {
        try {
            byte[] key = java.util.Base64.getDecoder().decode(base64.strip());
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, with what is expected
        }
        throw Env.bad("PAAS_SECRETS_KEY", "base64 of 32 random bytes (head -c 32 /dev/urandom | base64)",
                "(not shown)");
    }
}
