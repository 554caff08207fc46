package dev.paas.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paas.api.ApiConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultTransactionListenerProvider;

/** The connection pool, jOOQ and migrations. Only platform-api talks to Postgres. */
public final class Database implements AutoCloseable {
    private final ApiConfig config;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final List<Runnable> afterWrite = new CopyOnWriteArrayList<>();
    /** SQL statements run through jOOQ since start: served at /metrics, so a statement too many shows. */
    private final LongAdder statements = new LongAdder();

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
        var writes = new Writes();
        this.dsl = DSL.using(new DefaultConfiguration().set(pool).set(SQLDialect.POSTGRES)
                // jOOQ's LoggerListener would run on every statement to log at debug, which is never on here.
                .set(new Settings().withRenderSchema(false).withExecuteLogging(false))
                .set(new DefaultExecuteListenerProvider(writes))
                .set(new DefaultTransactionListenerProvider(writes)));
    }

    /**
     * {@code action} runs after every write of this process is committed, on the writer's thread, before
     * its result is returned: read caches drop what it may have changed before anyone can ask again.
     */
    public void afterWrite(Runnable action) {
        afterWrite.add(action);
    }

    /**
     * A transaction counts as a write when it commits (whatever it did: over-counting only costs cached
     * reads); a statement outside a transaction when it is anything but a plain read.
     */
    private final class Writes implements ExecuteListener, TransactionListener {
        @Override
        public void executeStart(ExecuteContext ctx) {
            statements.increment();
        }

        @Override
        public void executeEnd(ExecuteContext ctx) {
            if (ctx.type() == ExecuteType.READ || ctx.connection() == null) {
                return;
            }
            try {
                if (ctx.connection().getAutoCommit()) {
                    written();
                }
            } catch (SQLException e) {
                written();
            }
        }

        @Override
        public void commitEnd(TransactionContext ctx) {
            written();
        }

        private void written() {
            for (Runnable action : afterWrite) {
                action.run();
            }
        }
    }

    /**
     * Applies the migrations shipped in the {@code migrations} module (db/migration on the classpath). A
     * database that has them all is told so without Flyway ({@link Migrations}), so that a start loads it
     * only when there is something to apply.
     */
    public static int migrate(ApiConfig config) {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(),
                config.dbPassword())) {
            if (Migrations.upToDate(Migrations.shipped(Database.class.getClassLoader()),
                    Migrations.applied(connection))) {
                return 0;
            }
        } catch (SQLException | java.io.IOException unknown) {
            // Flyway, below, then tells: it reports a database it cannot reach in its own words.
        }
        var flyway = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.dbUser(), config.dbPassword())
                .locations("classpath:" + Migrations.LOCATION)
                .load();
        return flyway.migrate().migrationsExecuted;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** How many SQL statements this process has run through {@link #dsl()} (and contexts derived from it). */
    public long statements() {
        return statements.sum();
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
