package dev.paas.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Postgres database and one running API for the whole test run: the database is created
 * fresh, migrated once at start, and emptied between tests by {@link #clean()}.
 * The admin URL comes from {@code PAAS_TEST_DATABASE_URL}.
 */
public final class TestPlatform implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final String DEFAULT_ADMIN_URL = "postgres://postgres:postgres@127.0.0.1:5432/postgres";
    private final String adminJdbc;
    private final String user;
    private final String password;
    private final String database;
    private final Platform platform;
    private final java.nio.file.Path backupDir;
    /** The builder's service token; its admin user is seeded again after every clean, so a builder outlives them. */
    private static final String BUILDER_TOKEN = "paas_test-builder-service-token";

    /** The fixed PAAS_SECRETS_KEY of tests (base64 of 32 bytes). */
    public static final String SECRETS_KEY = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

    private TestPlatform() throws SQLException {
        this(Map.of());
    }

    /**
     * A platform of its own, on a database of its own, with {@code env} over the defaults: for tests that need
     * another configuration than the run's. The caller closes it.
     */
    public static TestPlatform withEnv(Map<String, String> env) throws SQLException {
        return new TestPlatform(env);
    }

    private TestPlatform(Map<String, String> extraEnv) throws SQLException {
        var admin = DatabaseUrl.parse(System.getenv().getOrDefault("PAAS_TEST_DATABASE_URL", DEFAULT_ADMIN_URL));
        this.adminJdbc = admin.jdbcUrl();
        this.user = admin.user();
        this.password = admin.password();
        this.database = "paas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("create database " + database);
        }
        try {
            this.backupDir = java.nio.file.Files.createTempDirectory("paas-test-backups");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make a backup directory", e);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        var env = new java.util.HashMap<>(Map.of(
                "DATABASE_URL", databaseUrl(),
                "PORT", "0",
                "PAAS_DOMAIN", "paas.test",
                "PAAS_MAX_BODY_BYTES", "65536",
                "DATABASE_POOL_SIZE", "20",
                "PAAS_AGENT_TIMEOUT_SECONDS", "3",
                "PAAS_BACKUP_DIR", backupDir.toString(),
                "PAAS_SECRETS_KEY", SECRETS_KEY,
                // Nothing listens on the discard port: orders fail at once, and no test reaches a real CA.
                "PAAS_ACME_DIRECTORY_URL", "http://127.0.0.1:9/directory"));
        // Drain tests run their receivers on loopback, with a CA of their own, and fill the buffer.
        env.put("PAAS_DRAIN_ALLOW_PRIVATE", "true");
        env.put("PAAS_DRAIN_BUFFER_LINES", "500");
        env.put("PAAS_DRAIN_CA_FILE", dev.paas.api.drain.TestCa.get().caFile().toString());
        env.putAll(extraEnv);
        this.platform = Platform.start(ApiConfig.fromEnv(env));
    }

    /** The run's platform, started on first use and stopped (its database dropped) when the run ends. */
    public static TestPlatform get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestPlatform.class, k -> {
                    try {
                        return new TestPlatform();
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot create the test database; is Postgres running? "
                                + "Set PAAS_TEST_DATABASE_URL to an admin URL.", e);
                    }
                }, TestPlatform.class);
    }

    public String databaseUrl() {
        return "postgres://" + user + ":" + password + "@" + adminJdbc.replaceFirst("^jdbc:postgresql://", "")
                .replaceFirst("/[^/?]*(\\?.*)?$", "") + "/" + database;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + platform.port();
    }

    /** Where the API keeps backups' dumps (a temporary directory of the run). */
    public java.nio.file.Path backupDir() {
        return backupDir;
    }

    public Platform platform() {
        return platform;
    }

    /** A connection as the database owner, for checks below the API. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** A pool of {@code size} connections as the database owner, for checks that run writers concurrently. */
    public com.zaxxer.hikari.HikariDataSource pool(int size) {
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    private String jdbcUrl() {
        return adminJdbc.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    /** Empties every table. The ledger's triggers refuse TRUNCATE, so they are bypassed for this session only. */
    public void clean() {
        // The platform's own background work (agent monitor, event hub, streams of the last test)
        // may hold locks that the truncate waits on: Postgres then picks a deadlock victim, or the
        // lock timeout ends the wait (what held it is printed, so that a hang is never silent): try again.
        for (int attempt = 1; ; attempt++) {
            try {
                truncate();
                platform.forgetCachedReads();
                return;
            } catch (IllegalStateException e) {
                boolean retriable = e.getCause() instanceof SQLException s
                        && ("40P01".equals(s.getSQLState()) || "55P03".equals(s.getSQLState()));
                if (!retriable || attempt == 5) {
                    throw new IllegalStateException(e.getMessage() + "; sessions: " + sessions(), e.getCause());
                }
                System.err.println("clean: attempt " + attempt + " failed (" + e.getCause().getMessage()
                        + "); sessions: " + sessions());
            }
        }
    }

    /** The test database's other sessions, what they wait on and run: what a blocked clean waited for. */
    private String sessions() {
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement();
             var rows = s.executeQuery("select pid, state, wait_event_type, wait_event, now() - xact_start, "
                     + "left(query, 160) from pg_stat_activity where datname = '" + database
                     + "' and pid <> pg_backend_pid()")) {
            var text = new StringBuilder();
            while (rows.next()) {
                text.append("\n  pid=").append(rows.getInt(1)).append(" state=").append(rows.getString(2))
                        .append(" wait=").append(rows.getString(3)).append('/').append(rows.getString(4))
                        .append(" xact=").append(rows.getString(5)).append(" query=").append(rows.getString(6));
            }
            return text.toString();
        } catch (SQLException e) {
            return "(cannot list: " + e.getMessage() + ")";
        }
    }

    private void truncate() {
        try (var c = connect(); var s = c.createStatement()) {
            s.execute("set lock_timeout = '10s'");
            s.execute("set session_replication_role = replica");
            s.execute("truncate events, releases, builds, formations, domains, collaborators, instance_reports, instances, "
                    + "log_lines, one_off_dynos, agents, apps, api_tokens, users "
                    + "restart identity cascade");
            s.execute("set session_replication_role = origin");
            try (var seed = c.prepareStatement("with u as (insert into users (id, email, admin) values "
                    + "(gen_random_uuid(), 'builder@paas.internal', true) returning id) insert into api_tokens "
                    + "(id, user_id, token_sha256, description) select gen_random_uuid(), u.id, ?, 'builder' from u")) {
                seed.setBytes(1, java.security.MessageDigest.getInstance("SHA-256")
                        .digest(BUILDER_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                seed.execute();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean the test database", e);
        }
    }

    /** A new user; returns its API token. */
    public String user(String email) {
        return platform.createUser(email, false);
    }

    /** The builder's admin (service) token: valid for the whole run, across cleans. */
    public String builderToken() {
        return BUILDER_TOKEN;
    }

    public String admin(String email) {
        return platform.createUser(email, true);
    }

    @Override
    public void close() throws SQLException {
        platform.close();
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }
}
