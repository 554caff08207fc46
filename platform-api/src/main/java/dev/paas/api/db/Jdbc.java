package dev.paas.api.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.exception.DataAccessException;

/**
 * Plain SQL run straight through JDBC, on the connection of a jOOQ context (its transaction's, or one of the pool's):
 * for the few statements of every config:set and every app lookup, on which jOOQ's parsing of the SQL for its
 * binds, its wrapping of each value and its reading of the result's metadata cost more CPU than the statement.
 *
 * <p>Only for statements that write neither users nor api_tokens, and that outside a transaction only read: what
 * jOOQ's listener in {@link Database} would make of them (a write to tell the read caches of) is nothing. Each
 * execution is still counted among the statements served at /metrics.
 */
public final class Jdbc {
    /** Where {@link Database} keeps its statement count in the context's configuration. */
    static final String STATEMENTS = "dev.paas.api.db.statements";

    /** The Java types {@link #read} reads a column as (others: as the driver gives them). */
    static final java.util.Set<Class<?>> READS = java.util.Set.of(String.class, UUID.class, OffsetDateTime.class,
            Integer.class, Long.class, Boolean.class, JSONB.class);

    private Jdbc() {
    }

    /**
     * Runs {@code sql} (one statement, or several separated by {@code ;}: one round trip) with {@code binds}, and
     * returns the rows of each statement that returned rows, in order; each row's values are read as
     * {@code types} says, for that result ({@code null}, or a result past the list: as the driver gives them).
     */
    public static List<List<Object[]>> run(DSLContext dsl, String sql, List<?> binds, List<List<Class<?>>> types) {
        if (dsl.configuration().data(STATEMENTS) instanceof LongAdder count) {
            count.increment();
        }
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    bind(c, ps, i + 1, binds.get(i));
                }
                var results = new ArrayList<List<Object[]>>();
                boolean isResult = ps.execute();
                while (true) {
                    if (isResult) {
                        try (ResultSet rs = ps.getResultSet()) {
                            results.add(rows(rs, results.size() < types.size() ? types.get(results.size()) : null));
                        }
                    } else if (ps.getUpdateCount() == -1) {
                        return results;
                    }
                    isResult = ps.getMoreResults();
                }
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    private static List<Object[]> rows(ResultSet rs, List<Class<?>> types) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        var rows = new ArrayList<Object[]>();
        while (rs.next()) {
            var row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = read(rs, i + 1, types == null || i >= types.size() ? null : types.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object read(ResultSet rs, int i, Class<?> type) throws SQLException {
        if (type == String.class) {
            return rs.getString(i);
        } else if (type == UUID.class) {
            return rs.getObject(i, UUID.class);
        } else if (type == OffsetDateTime.class) {
            return rs.getObject(i, OffsetDateTime.class);
        } else if (type == Integer.class) {
            int v = rs.getInt(i);
            return rs.wasNull() ? null : v;
        } else if (type == Long.class) {
            long v = rs.getLong(i);
            return rs.wasNull() ? null : v;
        } else if (type == Boolean.class) {
            boolean v = rs.getBoolean(i);
            return rs.wasNull() ? null : v;
        } else if (type == JSONB.class) {
            return JSONB.jsonbOrNull(rs.getString(i));
        }
        return rs.getObject(i);
    }

    /** A value, or a jOOQ {@link Param} of one, bound as the driver binds its Java type. */
    private static void bind(Connection c, PreparedStatement ps, int i, Object bind) throws SQLException {
        Object value = bind instanceof Param<?> p ? p.getValue() : bind;
        switch (value) {
            case null -> ps.setNull(i, Types.OTHER);
            case String s -> ps.setString(i, s);
            case JSONB j -> ps.setString(i, j.data());
            case UUID[] ids -> ps.setArray(i, c.createArrayOf("uuid", ids));
            default -> ps.setObject(i, value);
        }
    }
}
