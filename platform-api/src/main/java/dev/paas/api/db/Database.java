package dev.paas.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paas.api.ApiConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** The connection pool, jOOQ and migrations. Only platform-api talks to Postgres. */
public final class Database implements AutoCloseable {
    private final ApiConfig config;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    public Database(ApiConfig config) {
        this.config = config;
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setPoolName("paas-db");
        hikari.setConnectionTimeout(10_000);
        this.pool = new HikariDataSource(hikari);
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }

    /** Applies the migrations shipped in the {@code migrations} module (db/migration on the classpath). */
    public static int migrate(ApiConfig config) {
        var flyway = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.dbUser(), config.dbPassword())
                .locations("classpath:db/migration")
                .load();
        return flyway.migrate().migrationsExecuted;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** A connection of its own, outside the pool, for LISTEN: it lives as long as the watcher. */
    public Connection dedicatedConnection() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    }

    @Override
    public void close() {
        pool.close();
    }
}
