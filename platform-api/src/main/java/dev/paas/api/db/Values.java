package dev.paas.api.db;

import org.jooq.Field;
import org.jooq.Record;

/**
 * A row's values by field: what a mapper reads, whether the row is a jOOQ record or one {@link Rendered} read
 * (which finds a field by its position in the query, not by a search of its fields on every read).
 */
public interface Values {
    <T> T get(Field<T> field);

    static Values of(Record record) {
        return new Values() {
            @Override
            public <T> T get(Field<T> field) {
                return record.get(field);
            }
        };
    }
}
