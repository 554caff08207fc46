package dev.paas.api.db;

import dev.paas.api.ApiConfig;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * An empty database of its own on the test Postgres (PAAS_TEST_DATABASE_URL), for tests of migrations, which
 * need one that no platform has migrated yet; dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String hostPort;
    private final String adminJdbc;
    private final String user;
    private final String password;
    private final String name;

    public ScratchDatabase() throws SQLException {
        URI url = URI.create(System.getenv().getOrDefault("PAAS_TEST_DATABASE_URL",
                "postgres://postgres:postgres@127.0.0.1:5432/postgres"));
        String[] userInfo = url.getUserInfo().split(":", 2);
        this.user = userInfo[0];
        this.password = userInfo[1];
        this.hostPort = url.getHost() + ":" + (url.getPort() == -1 ? 5432 : url.getPort());
        this.adminJdbc = "jdbc:postgresql://" + hostPort + url.getPath();
        this.name = "paas_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("create database " + name);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPort + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** The API's configuration for this database. */
    public ApiConfig config() {
        return ApiConfig.fromEnv(Map.of("DATABASE_URL", "postgres://" + user + ":" + password + "@" + hostPort + "/"
                + name));
    }

    @Override
    public void close() throws SQLException {
        try (var c = DriverManager.getConnection(adminJdbc, user, password); var s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
