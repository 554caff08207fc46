package dev.paas.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgPsqlQuoteTest {
    @ParameterizedTest
    @ValueSource(strings = {"select 1", "select 'it''s'; drop table x", "$(rm -rf /) `id` \"$HOME\"", "a\nb"})
    void the_sql_reaches_psql_as_one_argument_whatever_it_holds(String sql) throws Exception {
        var sh = new ProcessBuilder("/bin/sh", "-c", "printf %s " + PgPsqlCommand.quote(sql)).start();
        String out = new String(sh.getInputStream().readAllBytes());

        assertThat(sh.waitFor()).isZero();
        assertThat(out).isEqualTo(sql);
    }
}
