package dev.paas.builder.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.builder.registry.ImageRetention.Tagged;
import dev.paas.client.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRetentionTest {
    private static final String REPO = "10.0.0.5:5005/paas-app/web";
    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final UUID B1 = UUID.randomUUID();
    private static final UUID B2 = UUID.randomUUID();
    private static final UUID B3 = UUID.randomUUID();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an image a kept release uses stays; an older one goes",
                        List.of(tag(B1, "d1"), tag(B2, "d2")), List.of(release(2, "d2", 10)),
                        List.of(build(B1, "succeeded", 1), build(B2, "succeeded", 9)), List.of("d1")),
                Arguments.of("config releases sharing one image keep just it",
                        List.of(tag(B1, "d1"), tag(B2, "d2")), List.of(release(4, "d2", 40), release(3, "d2", 30)),
                        List.of(build(B1, "succeeded", 1), build(B2, "succeeded", 2)), List.of("d1")),
                Arguments.of("a pending build's image, pushed before its build is recorded as succeeded, stays",
                        List.of(tag(B1, "d1"), tag(B3, "d3")), List.of(release(1, "d1", 10)),
                        List.of(build(B1, "succeeded", 5), build(B3, "pending", 1)), List.of()),
                Arguments.of("a build succeeded after the newest release is on its way to being released",
                        List.of(tag(B1, "d1"), tag(B3, "d3")), List.of(release(1, "d1", 10)),
                        List.of(build(B1, "succeeded", 5), build(B3, "succeeded", 11)), List.of()),
                Arguments.of("a build that failed after its push has nothing to roll back to",
                        List.of(tag(B1, "d1"), tag(B3, "d3")), List.of(release(1, "d1", 10)),
                        List.of(build(B1, "succeeded", 5), build(B3, "failed", 11)), List.of("d3")),
                Arguments.of("a tag of a former app of the same name (no such build now) goes",
                        List.of(tag(B1, "d1")), List.of(), List.of(), List.of("d1")),
                Arguments.of("a tag that is no build id is not the builder's and stays",
                        List.of(new Tagged("latest", "d9")), List.of(), List.of(), List.of()),
                Arguments.of("a release of another repository keeps nothing here",
                        List.of(tag(B1, "d1")), List.of(new Wire.Release(UUID.randomUUID(), 1, "", "succeeded",
                                true, null, null, "other:5005/paas-app/web@d1", Map.of(), T, T, null, null)),
                        List.of(build(B1, "succeeded", -5)), List.of("d1")),
                Arguments.of("a digest named by a doomed tag and a kept one stays",
                        List.of(tag(B1, "d1"), tag(B2, "d1")), List.of(release(2, "d1", 10)),
                        List.of(build(B1, "failed", 1), build(B2, "succeeded", 2)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doomed(String name, List<Tagged> tags, List<Wire.Release> releases, List<Wire.Build> builds,
                List<String> expected) {
        assertThat(ImageRetention.doomed(REPO, tags, releases, builds)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Tagged tag(UUID build, String digest) {
        return new Tagged(build.toString(), digest);
    }

    private static Wire.Release release(int version, String digest, int minute) {
        return new Wire.Release(UUID.randomUUID(), version, "", "succeeded", true, null, null, REPO + "@" + digest,
                Map.of(), T.plusSeconds(60L * minute), T.plusSeconds(60L * minute), null, null);
    }

    private static Wire.Build build(UUID id, String status, int minute) {
        return new Wire.Build(id, null, null, status, "abc", null, null, Map.of(), T, T.plusSeconds(60L * minute));
    }
}
