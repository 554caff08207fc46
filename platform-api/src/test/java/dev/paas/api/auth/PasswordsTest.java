package dev.paas.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.error.ApiFailure;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void a_hash_names_its_scheme_and_iterations_and_matches_only_its_password() {
        String stored = Passwords.hash("correct horse battery", 1000);

        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse battery");
        assertThat(Passwords.matches("correct horse battery", stored)).isTrue();
        assertThat(Passwords.matches("correct horse batterx", stored)).isFalse();
        assertThat(Passwords.matches(null, stored)).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertThat(Passwords.hash("correct horse battery", 1000)).isNotEqualTo(Passwords.hash("correct horse battery", 1000));
    }

    @Test
    void no_password_set_matches_nothing_not_even_empty() {
        assertThat(Passwords.matches("", null)).isFalse();
        assertThat(Passwords.matches("decoy password, never matches", null)).isFalse();
    }

    @Test
    void too_short_and_too_long_passwords_are_refused_with_the_bounds() {
        assertThatThrownBy(() -> Passwords.validate("short")).isInstanceOf(ApiFailure.class)
                .hasMessageContaining("at least 10");
        assertThatThrownBy(() -> Passwords.validate("x".repeat(1025))).isInstanceOf(ApiFailure.class)
                .hasMessageContaining("at most 1024");
    }
}
