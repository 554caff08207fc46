package dev.paas.api.db;

import dev.paas.api.error.ApiFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;

/**
 * Seek pagination as Heroku's {@code Range} header asks for it: sorted by {@code field}, starting
 * at {@code start} (after it when {@code exclusive}), at most {@code max} items.
 */
public record Seek(String field, String start, boolean exclusive, boolean descending, int max) {
    public static final int DEFAULT_MAX = 200;
    public static final int LIMIT = 1000;

    public static Seek first(String field) {
        return new Seek(field, null, false, false, DEFAULT_MAX);
    }

    /** One page of results, with the sort key of the last item when more follow. */
    public record Page<T>(List<T> items, String lastKey) {
        public boolean more() {
            return lastKey != null;
        }
    }

    /**
     * Runs {@code query} with this seek's order, start and limit. {@code keys} names the fields a
     * client may sort by; the first one is the tie breaker.
     */
    @SuppressWarnings("unchecked")
    public <R extends Record, T> Page<T> fetch(SelectConditionStep<R> query, Map<String, Field<?>> keys,
                                               Function<R, T> mapper) {
        Field<Object> key = (Field<Object>) keys.get(field);
        if (key == null) {
            throw ApiFailure.badRequest("Range: cannot sort by '" + field + "'; use one of " + keys.keySet() + ".");
        }
        var conditioned = query;
        if (start != null && !start.isEmpty()) {
            Object value;
            try {
                value = key.getDataType().convert(start);
            } catch (RuntimeException e) {
                throw ApiFailure.badRequest("Range: '" + start + "' is not a valid " + field + ".");
            }
            conditioned = query.and(descending
                    ? (exclusive ? key.lt(value) : key.le(value))
                    : (exclusive ? key.gt(value) : key.ge(value)));
        }
        var rows = conditioned.orderBy(descending ? key.desc() : key.asc()).limit(max + 1).fetch();
        var items = new ArrayList<T>();
        String lastKey = null;
        for (int i = 0; i < Math.min(max, rows.size()); i++) {
            items.add(mapper.apply(rows.get(i)));
            lastKey = String.valueOf(rows.get(i).get(key));
        }
        return new Page<>(items, rows.size() > max ? lastKey : null);
    }
}
