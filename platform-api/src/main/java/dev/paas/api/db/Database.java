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
    private final List<Written> afterWrite = new CopyOnWriteArrayList<>();
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
        dsl.configuration().data(Jdbc.STATEMENTS, statements); // statements run past jOOQ count too
    }

    /** Told of every write this process commits. */
    @FunctionalInterface
    public interface Written {
        /** {@code usersOrTokens}: a statement of the write may have changed users or api_tokens. */
        void committed(boolean usersOrTokens);
    }

    /**
     * {@code action} runs after every write of this process is committed, on the writer's thread, before
     * its result is returned: read caches drop what it may have changed before anyone can ask again.
     */
    public void afterWrite(Written action) {
        afterWrite.add(action);
    }

    /**
     * A transaction counts as a write when it commits (whatever it did: over-counting only costs cached
     * reads); a statement outside a transaction when it is anything but a plain read. Whether it wrote users
     * or tokens is read from its statements' SQL ({@link UserTables}), whatever their type: a plain SQL
     * {@code delete ... returning} runs as a read.
     */
    private final class Writes implements ExecuteListener, TransactionListener {
        /** This thread's open transactions (nested ones count) and whether one of them wrote users or tokens. */
        private final ThreadLocal<int[]> open = ThreadLocal.withInitial(() -> new int[2]);

        @Override
        public void executeStart(ExecuteContext ctx) {
            statements.increment();
        }

        @Override
        public void executeEnd(ExecuteContext ctx) {
            if (ctx.connection() == null) {
                return;
            }
            boolean usersOrTokens = UserTables.written(ctx.sql()) || batchWritesUsersOrTokens(ctx);
            try {
                if (ctx.connection().getAutoCommit()) {
                    if (ctx.type() != ExecuteType.READ || usersOrTokens) {
                        written(usersOrTokens);
                    }
                } else if (usersOrTokens) {
                    open.get()[1] = 1;
                }
            } catch (SQLException e) {
                written(true);
            }
        }

        /** A batch's statements; a single statement's is its {@link ExecuteContext#sql}, already read. */
        private static boolean batchWritesUsersOrTokens(ExecuteContext ctx) {
            String[] batch = ctx.batchSQL();
            if (batch.length < 2) {
                return false;
            }
            for (String sql : batch) {
                if (UserTables.written(sql)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void beginEnd(TransactionContext ctx) {
            open.get()[0]++;
        }

        /** A nested commit is not yet durable, but telling early costs only cached reads; the outermost tells again. */
        @Override
        public void commitEnd(TransactionContext ctx) {
            int[] state = open.get();
            written(state[1] == 1);
            closed(state);
        }

        @Override
        public void rollbackEnd(TransactionContext ctx) {
            closed(open.get());
        }

        private void closed(int[] state) {
            state[0] = Math.max(0, state[0] - 1);
            if (state[0] == 0) {
                state[1] = 0;
            }
        }

        private void written(boolean usersOrTokens) {
            for (Written action : afterWrite) {
                action.committed(usersOrTokens);
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
