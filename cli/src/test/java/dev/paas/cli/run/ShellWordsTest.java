package dev.paas.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void one_argument_is_a_whole_script_taken_as_written() {
        assertThat(ShellWords.join(List.of("echo $A; exit 3"))).isEqualTo("echo $A; exit 3");
    }

    @Test
    void plain_words_stay_plain() {
        assertThat(ShellWords.join(List.of("python3", "manage.py", "migrate", "--noinput")))
                .isEqualTo("python3 manage.py migrate --noinput");
    }

    @Test
    void words_the_shell_would_split_or_misread_are_double_quoted_and_vars_still_expand() {
        assertThat(ShellWords.join(List.of("node", "-e", "console.log(process.env.GREETING)")))
                .isEqualTo("node -e \"console.log(process.env.GREETING)\"");
        assertThat(ShellWords.join(List.of("python3", "-c", "print(\"a b\")")))
                .isEqualTo("python3 -c \"print(\\\"a b\\\")\"");
        assertThat(ShellWords.join(List.of("echo", "$HOME x", ""))).isEqualTo("echo \"$HOME x\" \"\"");
    }
}
