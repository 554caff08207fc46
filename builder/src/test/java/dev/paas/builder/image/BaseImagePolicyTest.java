package dev.paas.builder.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.builder.build.BuildFailure;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BaseImagePolicyTest {
    private final BaseImagePolicy policy = new BaseImagePolicy(List.of("paas/stack:bookworm", "debian:bookworm"));

    @ParameterizedTest
    @ValueSource(strings = {
        "FROM paas/stack:bookworm\nCMD [\"sh\"]\n",
        "from paas/stack:bookworm AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /out\n",
        "FROM paas/stack:bookworm as one\nFROM one AS two\nFROM debian:bookworm\nCOPY --from=0 /a /a\nCOPY --from=TWO /b /b\n",
        "FROM --platform=linux/amd64 docker.io/library/debian:bookworm\n",
        "FROM --platform=$BUILDPLATFORM paas/stack:bookworm\n",
        "# escape=`\nFROM paas/stack:bookworm\nRUN echo a `\n  b\n",
        "FROM paas/stack:bookworm\nCOPY --from=debian:bookworm /etc/os-release /x\n",
        "FROM paas/stack:bookworm\nCOPY --chown=1000:1000 [\"a\", \"/b\"]\n",
        "FROM paas/stack:bookworm\nONBUILD RUN echo hi\n",
        "FROM \\\n  paas/stack:bookworm\n# a comment\nRUN true\n",
    })
    void dockerfiles_built_on_allowed_images_pass(String dockerfile) {
        assertThatCode(() -> policy.check(dockerfile)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FROM 843e|line 1: FROM 843e is not allowed",
        "FROM sha256:4d2f1c0e2b7a9f6c5d1e3b8a7c6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d|line 1: FROM sha256:",
        "FROM paas/platform-api:latest|FROM paas/platform-api:latest is not allowed",
        "FROM paas-app/other:0b6f|FROM paas-app/other:0b6f is not allowed",
        "FROM debian|FROM debian is not allowed",
        "ARG BASE=843e\\nFROM $BASE|line 2: FROM $BASE is not allowed",
        "ARG B=paas/stack:bookworm\\nFROM ${B}|line 2: FROM ${B}",
        "fRoM \\\\n 843e|line 1: FROM 843e",
        "# escape=`\\nFROM `\\n 843e|line 2: FROM 843e",
        "FROM paas/stack:bookworm\\nCOPY --from=843e / /|line 2: COPY --from=843e is not allowed",
        "FROM paas/stack:bookworm\\nCOPY --from=paas/platform-api:latest / /|COPY --from=paas/platform-api:latest",
        "FROM paas/stack:bookworm\\nadd --FROM=843e / /|line 2: ADD --from=843e",
        "FROM paas/stack:bookworm\\nCOPY --from=0 / /|line 2: COPY --from=0 is not allowed",
        "FROM paas/stack:bookworm AS a\\nCOPY --from=a / /|COPY --from=a is not allowed",
        "FROM paas/stack:bookworm\\nCOPY --from=$X / /|COPY --from=$X",
        "FROM paas/stack:bookworm\\nONBUILD COPY --from=843e / /|line 2: COPY --from=843e",
        "FROM paas/stack:bookworm\\nONBUILD FROM 843e|line 2: ONBUILD FROM is not allowed",
        "FROM paas/stack:bookworm\\nRUN --mount=type=bind,from=843e,target=/x true|line 2: RUN --mount=",
        "# syntax=docker/dockerfile:1\\nFROM paas/stack:bookworm|syntax=",
        "FROM paas/stack:bookworm AS|is not 'FROM IMAGE [AS NAME]'",
        "FROM --pull=always paas/stack:bookworm|FROM takes only --platform",
        "FROM later\\nFROM paas/stack:bookworm AS later|line 1: FROM later is not allowed",
    })
    void references_to_other_images_are_refused_naming_the_line(String dockerfile, String message) {
        assertThatThrownBy(() -> policy.check(dockerfile.replace("\\n", "\n")))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).satisfiesAnyOf(
                        m -> assertThat(m).contains("paas/stack:bookworm, debian:bookworm"),
                        m -> assertThat(m).doesNotContain("is not allowed. ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"paas-app/x:1", "843e", "cafe:latest", "sha256:abcd"})
    void base_images_cannot_be_app_images_or_read_as_ids(String image) {
        assertThatThrownBy(() -> new BaseImagePolicy(List.of(image))).hasMessageContaining("PAAS_BUILD_BASE_IMAGES");
    }
}
