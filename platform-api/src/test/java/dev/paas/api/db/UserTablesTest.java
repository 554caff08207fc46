package dev.paas.api.db;

import static dev.paas.api.db.Schema.ApiTokens;
import static dev.paas.api.db.Schema.Users;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Which statements may change who a token is: the credential cache survives every other write. */
class UserTablesTest {
    /** As the pool's context renders (see {@link Database}). */
    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));

    @Test
    void jooqs_inserts_updates_and_deletes_of_users_and_tokens_are_writes_of_them() {
        UUID id = UUID.randomUUID();
        assertThat(UserTables.written(dsl.render(dsl.insertInto(Users.T).set(Users.ID, id)))).isTrue();
        assertThat(UserTables.written(dsl.render(dsl.update(Users.T).set(Users.ADMIN, true)
                .where(Users.ID.eq(id))))).isTrue();
        assertThat(UserTables.written(dsl.render(dsl.deleteFrom(Users.T).where(Users.ID.eq(id))))).isTrue();
        assertThat(UserTables.written(dsl.render(dsl.update(ApiTokens.T).set(ApiTokens.EXPIRES_AT,
                ApiTokens.EXPIRES_AT)))).isTrue();
        assertThat(UserTables.written(dsl.render(dsl.deleteFrom(ApiTokens.T).where(ApiTokens.ID.eq(id))))).isTrue();
    }

    @Test
    void plain_sql_writes_of_them_count_however_spelled() {
        assertThat(UserTables.written("DELETE FROM api_tokens WHERE id = ? RETURNING id")).isTrue();
        assertThat(UserTables.written("update public.users set email = ?")).isTrue();
        assertThat(UserTables.written("with gone as (delete from \"api_tokens\" where true) select 1")).isTrue();
        assertThat(UserTables.written("truncate apps, users cascade")).isTrue();
        assertThat(UserTables.written("UPDATE \"public\".\"USERS\" SET admin = true")).isTrue();
        assertThat(UserTables.written("insert  into\n  api_tokens (id) values (?)")).isTrue();
    }

    @Test
    void a_config_sets_statements_and_reads_that_join_users_are_not_writes_of_them() {
        assertThat(UserTables.written(dsl.render(dsl.select(Users.EMAIL).from(Users.T).join(ApiTokens.T)
                .on(ApiTokens.USER_ID.eq(Users.ID))))).isFalse();
        assertThat(UserTables.written("""
                with release as (insert into releases (id) select ? returning id, user_id)
                select users.email from release left join users on users.id = release.user_id""")).isFalse();
        assertThat(UserTables.written("select id from apps where id = ? and destroyed_at is null for update"))
                .isFalse();
        assertThat(UserTables.written("insert into events (app_id, kind, payload) values (?, ?, ?::jsonb)")).isFalse();
        assertThat(UserTables.written("insert into user_sessions (id) values (?)")).isFalse();
        assertThat(UserTables.written("select id from users where id = ? for update of users")).isFalse();
        assertThat(UserTables.written("update apps set owner_id = (select id from users limit 1)")).isFalse();
        assertThat(UserTables.written("insert into apps_users (id) values (?)")).isFalse();
        assertThat(UserTables.written(null)).isFalse();
    }
}
