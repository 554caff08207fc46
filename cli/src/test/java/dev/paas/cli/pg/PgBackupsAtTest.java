package dev.paas.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.cli.UserError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgBackupsAtTest {

    @ParameterizedTest
    @CsvSource({"'02:00 UTC', 2", "'2:00', 2", "'14', 14", "'23:00 utc', 23", "'00:00Z', 0", "' 07:00 GMT ', 7"})
    void an_hour_in_utc_is_taken(String at, int hour) {
        assertThat(PgBackups.hourUtc(at)).isEqualTo(hour);
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00 UTC", "02:30 UTC", "02:00 America/New_York", "noon", "", "-1"})
    void anything_else_is_refused_saying_what_is_taken(String at) {
        assertThatThrownBy(() -> PgBackups.hourUtc(at)).isInstanceOf(UserError.class)
                .hasMessageContaining("'02:00 UTC'").hasMessageContaining("got '" + at + "'");
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1023, 1023B", "1024, 1.0kB", "5767168, 5.5MB"})
    void sizes_are_shown_in_binary_units(long bytes, String shown) {
        assertThat(PgBackups.size(bytes)).isEqualTo(shown);
    }
}
