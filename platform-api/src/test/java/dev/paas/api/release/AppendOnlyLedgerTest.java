package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself, not only the Java code, keeps the ledger append-only and gapless. */
@ExtendWith(PlatformExtension.class)
class AppendOnlyLedgerTest {
    private TestPlatform platform;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        this.platform = platform;
        String token = platform.user("ledger@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"ledger\"}").status()).isEqualTo(201);
        assertThat(api.patch(token, "/apps/ledger/config-vars", "{\"A\":\"1\"}").status()).isEqualTo(200);
    }

    @Test
    void update_of_a_release_is_refused_by_the_database() {
        assertThatThrownBy(() -> sql("update releases set description = 'rewritten'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    @Test
    void delete_of_a_release_is_refused_by_the_database() {
        assertThatThrownBy(() -> sql("delete from releases")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void truncate_of_releases_is_refused_by_the_database() {
        assertThatThrownBy(() -> sql("truncate releases cascade")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void a_release_that_skips_a_version_is_refused_by_the_database() {
        assertThatThrownBy(() -> sql("insert into releases (id, app_id, version, description) "
                + "select gen_random_uuid(), id, 5, 'gap' from apps where name = 'ledger'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("not the next one");
    }

    @Test
    void a_duplicate_version_is_refused_by_the_database() {
        assertThatThrownBy(() -> sql("insert into releases (id, app_id, version, description) "
                + "select gen_random_uuid(), id, 2, 'dup' from apps where name = 'ledger'"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void the_ledger_is_unchanged_after_the_refusals() throws SQLException {
        for (String refused : new String[] {"update releases set version = 9", "delete from releases"}) {
            assertThatThrownBy(() -> sql(refused)).isInstanceOf(SQLException.class);
        }
        try (var c = platform.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select string_agg(version || ':' || description, ',' order by version) "
                     + "from releases")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1:Initial release,2:Set A config vars");
        }
    }

    private void sql(String statement) throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
