package dev.paas.api.configvar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigChangeTest {

    static List<Arguments> cases() {
        var config = Map.of("A", "1", "B", "2");
        return List.of(
                Arguments.of(config, change(Map.of("A", "1"), List.of()), change(Map.of(), List.of())),
                Arguments.of(config, change(Map.of(), List.of("C")), change(Map.of(), List.of())),
                Arguments.of(config, change(Map.of("A", "9"), List.of("C")), change(Map.of("A", "9"), List.of())),
                Arguments.of(config, change(Map.of("C", "3"), List.of("B")), change(Map.of("C", "3"), List.of("B"))),
                Arguments.of(Map.of(), change(Map.of("A", ""), List.of()), change(Map.of("A", ""), List.of())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void the_effective_change_keeps_only_what_would_change_the_config(Map<String, String> config, ConfigChange given,
                                                                        ConfigChange effective) {
        assertThat(given.effectiveOn(config)).isEqualTo(effective);
        assertThat(given.effectiveOn(config).isEmpty()).isEqualTo(given.applyTo(config).equals(config));
    }

    private static ConfigChange change(Map<String, String> set, List<String> unset) {
        return new ConfigChange(new java.util.LinkedHashMap<>(set), unset);
    }
}
