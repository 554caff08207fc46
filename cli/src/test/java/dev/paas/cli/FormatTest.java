package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatTest {

    @ParameterizedTest
    @CsvSource({"v3, 3", "3, 3", "V12, 12", "' v7 ', 7",
            "0b6a3c1e-2f4d-4e5a-9b8c-7d6e5f4a3b2c, 0b6a3c1e-2f4d-4e5a-9b8c-7d6e5f4a3b2c"})
    void release_versions_are_accepted_with_or_without_the_v(String arg, String sent) {
        assertThat(Format.version(arg)).isEqualTo(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vx", "v", "", "v-1", "3.0", "latest", "v1234567890"})
    void anything_else_is_refused_before_any_request(String arg) {
        assertThatThrownBy(() -> Format.version(arg)).isInstanceOf(UserError.class)
                .hasMessageContaining("is not a release version such as v3");
    }
}
