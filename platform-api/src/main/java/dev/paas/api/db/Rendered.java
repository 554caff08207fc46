package dev.paas.api.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A jOOQ query rendered to SQL once, then run with new values for its named parameters ({@link DSL#param}).
 * For the hottest statements (every config:set, every authenticated request): rendering the query anew on
 * each call was a third of jOOQ's CPU in a config:set. The query is still written with jOOQ, so it is checked
 * against the schema as every other; its result records have the query's fields, so mappers stay the same.
 */
public final class Rendered {
    /** As the pool's context renders (see {@link Database}). */
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    private final String sql;
    private final List<Param<?>> params;
    private final List<Field<?>> fields;

    private Rendered(String sql, List<Param<?>> params, List<Field<?>> fields) {
        this.sql = sql;
        this.params = params;
        this.fields = fields;
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
    public <R> List<R> fetch(DSLContext dsl, Map<String, ?> values, RecordMapper<Record, R> mapper) {
        return query(dsl, values).fetch(r -> mapper.map(asQueried(dsl, r)));
    }

    /** The one row (or none) the query gives with {@code values}, mapped. */
    public <R> Optional<R> fetchOptional(DSLContext dsl, Map<String, ?> values, RecordMapper<Record, R> mapper) {
        return query(dsl, values).fetchOptional(r -> mapper.map(asQueried(dsl, r)));
    }

    /**
     * The rows {@code first} gave (a statement that takes row locks: {@code select ... for update}) and then the one
     * row (or none) this query gives, both sent in one round trip. They stay two statements, run in turn: this
     * query's snapshot is taken once {@code first} has its locks, so it sees whatever the previous holder of those
     * locks committed, as it would as a statement of its own. Empty when {@code first} gave no row (this query's
     * row then means nothing).
     */
    public <R> Optional<Optional<R>> fetchOptionalAfter(DSLContext dsl, String first, Object firstBind,
                                                        Map<String, ?> values, RecordMapper<Record, R> mapper) {
        var results = together(dsl, List.of(new Bound(first, List.of(firstBind)), bind(values)));
        if (results.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(firstOf(dsl, results.get(1), mapper));
    }

    /** This query with {@code values} for its named parameters, to send with others: {@link #together}. */
    public Bound bind(Map<String, ?> values) {
        return new Bound(sql, binds(values));
    }

    /** A statement and its values in the order of its {@code ?}s. */
    public record Bound(String sql, List<Object> binds) { }

    /**
     * Runs {@code statements} in one round trip, in turn, each a statement of its own (with its own snapshot, so
     * that a read after a {@code select ... for update} sees what the previous holder of those locks committed),
     * and returns their results in order. Should one fail, the ones after it do not run.
     */
    public static List<Result<Record>> together(DSLContext dsl, List<Bound> statements) {
        var sql = new StringBuilder();
        var binds = new ArrayList<Object>();
        for (var s : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(s.sql());
            binds.addAll(s.binds());
        }
        var results = dsl.resultQuery(sql.toString(), binds.toArray()).fetchMany();
        if (results.size() != statements.size()) {
            throw new IllegalStateException("expected " + statements.size() + " results, got " + results.size()
                    + " from: " + sql);
        }
        return results;
    }

    /** The rows of {@code result}, a result of this query sent {@link #together} with others, mapped. */
    public <R> List<R> allOf(DSLContext dsl, Result<Record> result, RecordMapper<Record, R> mapper) {
        return result.map(r -> mapper.map(asQueried(dsl, r)));
    }

    /** The first row of {@code result}, a result of this query sent {@link #together} with others, mapped. */
    public <R> Optional<R> firstOf(DSLContext dsl, Result<Record> result, RecordMapper<Record, R> mapper) {
        return result.stream().findFirst().map(r -> mapper.map(asQueried(dsl, r)));
    }

    /** Parameters without a value in {@code values} keep the value they were rendered with. */
    private ResultQuery<Record> query(DSLContext dsl, Map<String, ?> values) {
        return dsl.resultQuery(sql, binds(values).toArray());
    }

    private ArrayList<Object> binds(Map<String, ?> values) {
        var binds = new ArrayList<Object>(params.size() + 1);
        for (Param<?> p : params) {
            String name = p.getParamName();
            binds.add(name != null && values.containsKey(name) ? DSL.val(values.get(name), p.getDataType())
                    : DSL.val(p.getValue(), p.getDataType()));
        }
        return binds;
    }

    /** The row as a record of the query's own fields (qualified, as the mappers read them), by position. */
    private Record asQueried(DSLContext dsl, Record read) {
        Record r = dsl.newRecord(fields.toArray(Field<?>[]::new));
        r.fromArray(read.intoArray()); // by index, each value converted to its field's type
        return r;
    }

    /** The SQL, with a "?" per parameter: for tests and for the log. */
    public String sql() {
        return sql;
    }
}
