package dev.paas.api.db;

import static dev.paas.api.db.Schema.ApiTokens;
import static dev.paas.api.db.Schema.Users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class RenderedTest {
    private static final Rendered EMAIL_OF = Rendered.of(DSL.using(SQLDialect.POSTGRES)
            .select(Users.ID, Users.EMAIL, Users.ADMIN).from(Users.T)
            .where(Users.ID.eq(DSL.param("id", Users.ID.getDataType())))
            .and(Users.ADMIN.eq(false)));

    @Test
    void a_query_rendered_once_runs_with_each_calls_values_and_keeps_its_fields(TestPlatform platform)
            throws Exception {
        platform.user("first@example.com");
        platform.user("second@example.com");
        platform.admin("admin@example.com");
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            UUID first = id(db, "first@example.com");
            UUID second = id(db, "second@example.com");
            UUID admin = id(db, "admin@example.com");

            Values one = EMAIL_OF.fetchOptional(db, Map.of("id", first), r -> r).orElseThrow();
            Values two = EMAIL_OF.fetchOptional(db, Map.of("id", second), r -> r).orElseThrow();

            assertThat(one.get(Users.EMAIL)).isEqualTo("first@example.com");
            assertThat(one.get(Users.ID)).isEqualTo(first);
            assertThat(two.get(Users.EMAIL)).isEqualTo("second@example.com");
            assertThat(two.get(Users.ADMIN)).isFalse();
            assertThatThrownBy(() -> one.get(Users.CREATED_AT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a column");
            // The condition rendered with its value (admin = false) still holds.
            assertThat(EMAIL_OF.fetch(db, Map.of("id", admin), r -> r)).isEmpty();
            assertThat(EMAIL_OF.sql()).doesNotContain(first.toString()).contains("?");
        }
    }

    @Test
    void a_query_with_two_columns_of_one_name_is_refused() {
        var tokenAndUser = DSL.using(SQLDialect.POSTGRES).select(ApiTokens.ID, Users.ID).from(Users.T)
                .join(ApiTokens.T).on(ApiTokens.USER_ID.eq(Users.ID));

        assertThatThrownBy(() -> Rendered.of(tokenAndUser)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two columns are named id");
    }

    @Test
    void a_query_that_uses_a_parameter_name_twice_is_refused() {
        var twice = DSL.using(SQLDialect.POSTGRES).select(Users.ID).from(Users.T)
                .where(Users.ID.eq(DSL.param("id", Users.ID.getDataType())))
                .or(Users.ID.eq(DSL.param("id", Users.ID.getDataType())));

        assertThatThrownBy(() -> Rendered.of(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a parameter name is used twice");
    }

    private static UUID id(org.jooq.DSLContext db, String email) {
        return db.select(Users.ID).from(Users.T).where(Users.EMAIL.eq(email)).fetchSingle().value1();
    }
}
