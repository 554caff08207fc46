package dev.paas.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.cli.UserError;
import dev.paas.client.Wire.FormationUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleArgsTest {

    @Test
    void quantities_and_sizes_are_parsed_as_heroku_does() {
        assertThat(ScaleArgs.parse(List.of("web=2", "worker=1:standard-2X", "clock:performance-M")))
                .containsExactly(new FormationUpdate("web", 2, null),
                        new FormationUpdate("worker", 1, "standard-2X"),
                        new FormationUpdate("clock", null, "performance-M"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "web=-1", "web=two", "=2", "web=2:", "web==2", "web=99999"})
    void malformed_arguments_are_refused_before_any_request(String arg) {
        assertThatThrownBy(() -> ScaleArgs.parse(List.of(arg))).isInstanceOf(UserError.class)
                .hasMessageContaining("TYPE=QUANTITY");
    }
}
