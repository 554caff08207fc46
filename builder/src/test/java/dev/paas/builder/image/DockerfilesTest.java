package dev.paas.builder.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerfilesTest {

    @Test
    void continuations_comments_flags_and_onbuild_are_read_as_docker_reads_them() {
        var parsed = Dockerfiles.parse("# Escape=`\n\nfrom --platform=linux/amd64 `\n# inside\n  base AS b\n"
                + "copy --from=b --chown=1:1 [\"a\", \"b\"]\nonbuild Copy --from=x / /\n");

        assertThat(parsed.directives()).containsEntry("escape", "`");
        assertThat(parsed.instructions()).hasSize(3);
        var from = parsed.instructions().get(0);
        assertThat(from.keyword()).isEqualTo("FROM");
        assertThat(from.line()).isEqualTo(3);
        assertThat(from.flag("platform")).isEqualTo("linux/amd64");
        assertThat(from.rest()).isEqualTo("base AS b");
        var copy = parsed.instructions().get(1);
        assertThat(copy.flag("from")).isEqualTo("b");
        assertThat(copy.rest()).isEqualTo("[\"a\", \"b\"]");
        var onbuild = parsed.instructions().get(2);
        assertThat(onbuild.inner().keyword()).isEqualTo("COPY");
        assertThat(onbuild.inner().flag("from")).isEqualTo("x");
    }

    @Test
    void a_directive_after_an_instruction_is_a_comment() {
        var parsed = Dockerfiles.parse("FROM a\n# escape=`\nRUN x `\nRUN y\n");

        assertThat(parsed.directives()).isEmpty();
        assertThat(parsed.instructions()).extracting(Dockerfiles.Instruction::rest).containsExactly("a", "x `", "y");
    }
}
