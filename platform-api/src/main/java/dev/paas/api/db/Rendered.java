package dev.paas.api.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A jOOQ query rendered to SQL once, then run with new values for its named parameters ({@link DSL#param}).
 * For the hottest statements (every config:set, every authenticated request): rendering the query anew on
 * each call was a third of jOOQ's CPU in a config:set. The query is still written with jOOQ, so it is checked
 * against the schema as every other; its rows are read by the query's own fields. It runs
 * through {@link Jdbc}, without jOOQ's parsing of the SQL for its binds and its reading of the result's metadata.
 */
public final class Rendered {
    /** As the pool's context renders (see {@link Database}). */
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    private final String sql;
    private final List<Param<?>> params;
    /** Each column's position, by the very field the query selects (mappers mostly name that one): no search. */
    private final Map<Field<?>, Integer> positions = new java.util.IdentityHashMap<>();
    /** Each column's position, by its name (unique: see {@link #of}): for a field the query holds as another. */
    private final Map<String, Integer> positionsByName = new java.util.HashMap<>();
    /** Each column's Java type, as {@link Jdbc} reads it. */
    private final List<Class<?>> types;

    private Rendered(String sql, List<Param<?>> params, List<Field<?>> fields) {
        this.sql = sql;
        this.params = params;
        for (int i = 0; i < fields.size(); i++) {
            positions.put(fields.get(i), i);
            positionsByName.put(fields.get(i).getName(), i);
        }
        this.types = fields.stream().<Class<?>>map(Field::getType).toList();
        for (var f : fields) {
            if (!Jdbc.READS.contains(f.getType())) {
                throw new IllegalArgumentException("column " + f.getName() + " is a " + f.getType().getName()
                        + ", which Jdbc does not read as such; in: " + sql);
            }
        }
    }

    /** Refuses a query with two columns of one name (users.id and api_tokens.id): see {@link #asQueried}. */
    public static Rendered of(ResultQuery<?> query) {
        var names = new java.util.HashSet<String>();
        for (Field<?> f : query.fields()) {
            if (!names.add(f.getName())) {
                throw new IllegalArgumentException("two columns are named " + f.getName() + " in: " + query
                        + "; a plain SQL result knows its columns by name only, so alias one of them");
            }
        }
        // getParams() lists the query's parameters in the order of their "?" in the SQL, one entry per name: a name
        // used twice would leave a "?" without its value.
        String sql = RENDERER.render(query);
        // Inlined values (DSL.inline: limits, constants Postgres should plan with) are in the SQL, not bound.
        var params = query.getParams().values().stream().filter(p -> p.getParamType() != ParamType.INLINED).toList();
        if (sql.chars().filter(c -> c == '?').count() != params.size()) {
            throw new IllegalArgumentException("a parameter name is used twice (or a ? is quoted) in: " + sql
                    + "; give each use a name of its own");
        }
        return new Rendered(sql, params, List.of(query.fields()));
    }

    /** The rows the query gives with {@code values} for its named parameters (by name), mapped. */
    public <R> List<R> fetch(DSLContext dsl, Map<String, ?> values, java.util.function.Function<Values, R> mapper) {
        return allOf(run(dsl, values), mapper);
    }

    /** The one row (or none) the query gives with {@code values}, mapped. */
    public <R> Optional<R> fetchOptional(DSLContext dsl, Map<String, ?> values, java.util.function.Function<Values, R> mapper) {
        var rows = run(dsl, values);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected one row at most, got " + rows.size() + " from: " + sql);
        }
        return firstOf(rows, mapper);
    }

    /**
     * The rows {@code first} gave (a statement that takes row locks: {@code select ... for update}) and then the one
     * row (or none) this query gives, both sent in one round trip. They stay two statements, run in turn: this
     * query's snapshot is taken once {@code first} has its locks, so it sees whatever the previous holder of those
     * locks committed, as it would as a statement of its own. Empty when {@code first} gave no row (this query's
     * row then means nothing).
     */
    public <R> Optional<Optional<R>> fetchOptionalAfter(DSLContext dsl, String first, Object firstBind,
                                                        Map<String, ?> values, java.util.function.Function<Values, R> mapper) {
        var results = together(dsl, List.of(new Bound(first, List.of(firstBind)), bind(values)));
        if (results.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(firstOf(results.get(1), mapper));
    }

    /** This query with {@code values} for its named parameters, to send with others: {@link #together}. */
    public Bound bind(Map<String, ?> values) {
        return new Bound(sql, binds(values), types);
    }

    /**
     * A statement, its values in the order of its {@code ?}s, and the Java types of its result's columns ({@code
     * null}: as the driver gives them).
     */
    public record Bound(String sql, List<Object> binds, List<Class<?>> types) {
        public Bound(String sql, List<Object> binds) {
            this(sql, binds, null);
        }
    }

    /**
     * Runs {@code statements} in one round trip, in turn, each a statement of its own (with its own snapshot, so
     * that a read after a {@code select ... for update} sees what the previous holder of those locks committed),
     * and returns their rows in order. Should one fail, the ones after it do not run.
     */
    public static List<List<Object[]>> together(DSLContext dsl, List<Bound> statements) {
        var sql = new StringBuilder();
        var binds = new ArrayList<Object>();
        var types = new ArrayList<List<Class<?>>>();
        for (var s : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(s.sql());
            binds.addAll(s.binds());
            types.add(s.types());
        }
        var results = Jdbc.run(dsl, sql.toString(), binds, types);
        if (results.size() != statements.size()) {
            throw new IllegalStateException("expected " + statements.size() + " results, got " + results.size()
                    + " from: " + sql);
        }
        return results;
    }

    /** {@code rows}, a result of this query (sent {@link #together} with others), mapped. */
    public <R> List<R> allOf(List<Object[]> rows, java.util.function.Function<Values, R> mapper) {
        var mapped = new ArrayList<R>(rows.size());
        for (Object[] row : rows) {
            mapped.add(mapper.apply(asQueried(row)));
        }
        return mapped;
    }

    /** The first of {@code rows}, a result of this query (sent {@link #together} with others), mapped. */
    public <R> Optional<R> firstOf(List<Object[]> rows, java.util.function.Function<Values, R> mapper) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.apply(asQueried(rows.getFirst())));
    }

    private List<Object[]> run(DSLContext dsl, Map<String, ?> values) {
        return Jdbc.run(dsl, sql, binds(values), List.of(types)).getFirst();
    }

    /** Parameters without a value in {@code values} keep the value they were rendered with. */
    private List<Object> binds(Map<String, ?> values) {
        var binds = new ArrayList<Object>(params.size() + 1);
        for (Param<?> p : params) {
            String name = p.getParamName();
            binds.add(name != null && values.containsKey(name) ? values.get(name) : p.getValue());
        }
        return binds;
    }

    /** The row's values, each found by its field's position in the query. */
    private Values asQueried(Object[] row) {
        return new Values() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(Field<T> field) {
                Integer i = positions.get(field);
                if (i == null) {
                    i = positionsByName.get(field.getName());
                }
                if (i == null) {
                    throw new IllegalArgumentException(field + " is not a column of: " + sql);
                }
                return (T) row[i];
            }
        };
    }

    /** The SQL, with a "?" per parameter: for tests and for the log. */
    public String sql() {
        return sql;
    }
}
