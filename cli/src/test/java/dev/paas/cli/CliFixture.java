package dev.paas.cli;

import dev.paas.api.ApiConfig;
import dev.paas.api.Platform;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** A real control plane on a fresh database of the local Postgres, and a way to run {@code paas} against it. */
final class CliFixture implements AutoCloseable {
    private final String adminJdbc;
    private final String user;
    private final String password;
    private final String database;
    private final Platform platform;

    record Result(int code, String out, String err) {
    }

    CliFixture() throws SQLException, java.io.IOException {
        URI admin = URI.create(System.getenv().getOrDefault("PAAS_TEST_DATABASE_URL",
                "postgres://postgres:postgres@127.0.0.1:5432/postgres"));
        String[] userInfo = admin.getUserInfo().split(":", 2);
        this.user = userInfo[0];
        this.password = userInfo[1];
        String hostPort = admin.getHost() + ":" + (admin.getPort() == -1 ? 5432 : admin.getPort());
        this.adminJdbc = "jdbc:postgresql://" + hostPort + admin.getPath();
        this.database = "paas_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("create database " + database);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        this.platform = Platform.start(ApiConfig.fromEnv(Map.of(
                "DATABASE_URL", "postgres://" + user + ":" + password + "@" + hostPort + "/" + database,
                "PORT", "0",
                "PAAS_GIT_URL", "http://git.paas.test:5001",
                "PAAS_BACKUP_DIR", java.nio.file.Files.createTempDirectory("paas-cli-backups").toString(),
                "PAAS_SECRETS_KEY", "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=",
                // Nothing listens on the discard port: ACM orders fail at once, and no test reaches a real CA.
                "PAAS_ACME_DIRECTORY_URL", "http://127.0.0.1:9/directory",

                "PAAS_DRAIN_ALLOW_PRIVATE", "true")));
    }

    String apiUrl() {
        return "http://127.0.0.1:" + platform.port();
    }

    String createUser(String email) {
        return platform.createUser(email, false);
    }

    String createAdmin(String email) {
        return platform.createUser(email, true);
    }

    /** Runs {@code paas args...} with this HOME and working directory, and the given standard input. */
    Result paas(Path home, Path workDir, String stdin, String... args) {
        var config = CliConfig.fromEnv(Map.of("PAAS_API_URL", apiUrl(), "HOME", home.toString(),
                "PAAS_GIT_URL", "http://git.paas.test:5001"), workDir);
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(config, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public void close() throws SQLException {
        platform.close();
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }
}
